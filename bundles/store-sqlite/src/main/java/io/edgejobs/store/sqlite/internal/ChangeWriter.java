package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.StoreChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link StoreChange}s into SQL on the writer connection, with statements prepared once. Runs inside a
 * transaction the caller owns. Removing or counting an outbox entry that is not there changes nothing
 * (idempotent, so a replay racing a cleanup cannot fail a whole commit).
 */
final class ChangeWriter implements AutoCloseable {
    private final List<PreparedStatement> statements = new ArrayList<>();
    private final PreparedStatement putExecution;
    private final PreparedStatement deleteExecution;
    private final PreparedStatement putDocument;
    private final PreparedStatement appendOutbox;
    private final PreparedStatement removeOutbox;
    private final PreparedStatement countOutboxAttempt;
    private final PreparedStatement addThing;
    private final ReconciliationWriter reconciliation;

    ChangeWriter(Connection connection) throws SQLException {
        putExecution = prepare(connection, """
                INSERT OR REPLACE INTO executions (thing_name, job_id, execution_number, status, status_details,
                    queued_at, started_at, last_updated_at, version_number, in_progress_timeout_minutes,
                    in_progress_deadline, step_deadline)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        deleteExecution = prepare(connection,
                "DELETE FROM executions WHERE thing_name = ? AND job_id = ? AND execution_number = ?");
        putDocument = prepare(connection,
                "INSERT OR REPLACE INTO job_documents (job_id, document, fetched_at) VALUES (?, ?, ?)");
        appendOutbox = prepare(connection, """
                INSERT INTO outbox (thing_name, job_id, status, status_details, expected_version, execution_number,
                    include_job_execution_state, include_job_document, step_timeout_in_minutes, client_token,
                    local_version_number, enqueued_at, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""");
        removeOutbox = prepare(connection, "DELETE FROM outbox WHERE sequence = ?");
        countOutboxAttempt = prepare(connection, "UPDATE outbox SET attempts = attempts + 1 WHERE sequence = ?");
        addThing = prepare(connection, "INSERT OR IGNORE INTO things (thing_name, first_seen) VALUES (?, ?)");
        reconciliation = new ReconciliationWriter(connection, statements);
    }

    void apply(StoreChange change) throws SQLException {
        if (change instanceof StoreChange.PutExecution put) {
            putExecution(put.execution());
        } else if (change instanceof StoreChange.DeleteExecution delete) {
            deleteExecution.setString(1, delete.thingName());
            deleteExecution.setString(2, delete.jobId());
            deleteExecution.setLong(3, delete.executionNumber());
            deleteExecution.executeUpdate();
            reconciliation.executionDeleted(delete.thingName(), delete.jobId(), delete.executionNumber());
        } else if (change instanceof StoreChange.PutDocument put) {
            putDocument(put.document());
        } else if (change instanceof StoreChange.AppendOutbox append) {
            appendOutbox(append);
        } else if (change instanceof StoreChange.RemoveOutbox remove) {
            removeOutbox.setLong(1, remove.sequence());
            removeOutbox.executeUpdate();
        } else if (change instanceof StoreChange.CountOutboxAttempt count) {
            countOutboxAttempt.setLong(1, count.sequence());
            countOutboxAttempt.executeUpdate();
        } else if (change instanceof StoreChange.AddThing thing) {
            addThing.setString(1, thing.thingName());
            addThing.setLong(2, thing.firstSeen().toEpochMilli());
            addThing.executeUpdate();
        } else if (!reconciliation.apply(change)) {
            throw new IllegalArgumentException("unknown store change " + change);
        }
    }

    private void putExecution(ExecutionRecord execution) throws SQLException {
        ExecutionTimers timers = execution.timers();
        putExecution.setString(1, execution.thingName());
        putExecution.setString(2, execution.jobId());
        putExecution.setLong(3, execution.executionNumber());
        putExecution.setString(4, execution.status().name());
        putExecution.setString(5, StatusDetailsJson.write(execution.statusDetails()));
        SqlValues.setInstant(putExecution, 6, execution.queuedAt());
        SqlValues.setInstant(putExecution, 7, execution.startedAt());
        SqlValues.setInstant(putExecution, 8, execution.lastUpdatedAt());
        putExecution.setLong(9, execution.versionNumber());
        SqlValues.setNullableLong(putExecution, 10, timers.inProgressTimeoutInMinutes());
        SqlValues.setInstant(putExecution, 11, timers.inProgressDeadline());
        SqlValues.setInstant(putExecution, 12, timers.stepDeadline());
        putExecution.executeUpdate();
    }

    private void putDocument(JobDocumentRecord document) throws SQLException {
        putDocument.setString(1, document.jobId());
        putDocument.setString(2, document.document());
        SqlValues.setInstant(putDocument, 3, document.fetchedAt());
        putDocument.executeUpdate();
    }

    private void appendOutbox(StoreChange.AppendOutbox append) throws SQLException {
        UpdateJobExecutionRequest request = append.request();
        appendOutbox.setString(1, request.thingName());
        appendOutbox.setString(2, request.jobId());
        appendOutbox.setString(3, request.status().name());
        appendOutbox.setString(4,
                request.statusDetails() == null ? null : StatusDetailsJson.write(request.statusDetails()));
        SqlValues.setNullableLong(appendOutbox, 5, request.expectedVersion());
        SqlValues.setNullableLong(appendOutbox, 6, request.executionNumber());
        appendOutbox.setInt(7, request.includeJobExecutionState() ? 1 : 0);
        appendOutbox.setInt(8, request.includeJobDocument() ? 1 : 0);
        SqlValues.setNullableLong(appendOutbox, 9, request.stepTimeoutInMinutes());
        appendOutbox.setString(10, request.clientToken());
        appendOutbox.setLong(11, append.localVersionNumber());
        SqlValues.setInstant(appendOutbox, 12, append.enqueuedAt());
        appendOutbox.executeUpdate();
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statements.add(statement);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : statements) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
