package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The store's reads, each one statement on a reader connection (one consistent WAL snapshot). */
final class StoreQueries {
    private static final String EXECUTION_COLUMNS = "thing_name, job_id, execution_number, status, status_details, "
            + "queued_at, started_at, last_updated_at, version_number, in_progress_timeout_minutes, "
            + "in_progress_deadline, step_deadline";

    static final String PENDING_SQL = "SELECT " + EXECUTION_COLUMNS + " FROM executions"
            + " WHERE thing_name = ? AND " + V1InitialSchema.PENDING_PREDICATE
            + " ORDER BY CASE status WHEN 'IN_PROGRESS' THEN 0 ELSE 1 END, queued_at, execution_number";

    private StoreQueries() {
    }

    static Optional<ExecutionRecord> execution(Connection c, String thingName, String jobId, long executionNumber)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + EXECUTION_COLUMNS + " FROM executions"
                + " WHERE thing_name = ? AND job_id = ? AND execution_number = ?")) {
            query.setString(1, thingName);
            query.setString(2, jobId);
            query.setLong(3, executionNumber);
            return first(query);
        }
    }

    static Optional<ExecutionRecord> latestExecution(Connection c, String thingName, String jobId)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + EXECUTION_COLUMNS + " FROM executions"
                + " WHERE thing_name = ? AND job_id = ? ORDER BY execution_number DESC LIMIT 1")) {
            query.setString(1, thingName);
            query.setString(2, jobId);
            return first(query);
        }
    }

    static List<ExecutionRecord> pendingExecutions(Connection c, String thingName) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(PENDING_SQL)) {
            query.setString(1, thingName);
            return all(query);
        }
    }

    /** Every execution of the thing, by queuedAt, then jobId, then executionNumber. */
    static List<ExecutionRecord> executions(Connection c, String thingName) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + EXECUTION_COLUMNS + " FROM executions"
                + " WHERE thing_name = ? ORDER BY queued_at, job_id, execution_number")) {
            query.setString(1, thingName);
            return all(query);
        }
    }

    static Optional<JobDocumentRecord> document(Connection c, String jobId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT job_id, document, fetched_at FROM job_documents WHERE job_id = ?")) {
            query.setString(1, jobId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new JobDocumentRecord(rows.getString("job_id"), rows.getString("document"),
                        SqlValues.getInstant(rows, "fetched_at")));
            }
        }
    }

    static final String OUTBOX_COLUMNS = "sequence, thing_name, job_id, status, status_details, expected_version,"
            + " execution_number, include_job_execution_state, include_job_document, step_timeout_in_minutes,"
            + " client_token, local_version_number, enqueued_at, attempts, increments";

    static List<OutboxEntry> outbox(Connection c, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + OUTBOX_COLUMNS
                + " FROM outbox ORDER BY sequence LIMIT ?")) {
            query.setInt(1, limit);
            return outboxEntries(query);
        }
    }

    static List<OutboxEntry> outboxEntries(PreparedStatement query) throws SQLException {
        List<OutboxEntry> entries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries.add(outboxEntry(rows));
            }
        }
        return entries;
    }

    static long outboxSize(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM outbox");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The outbox's stored size, kept by {@link V3OutboxBytes}'s triggers: one row read, whatever the entries. */
    static long outboxBytes(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT bytes FROM outbox_totals WHERE id = 1");
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    static Set<String> knownThings(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT thing_name FROM things ORDER BY thing_name");
                ResultSet rows = query.executeQuery()) {
            Set<String> things = new LinkedHashSet<>();
            while (rows.next()) {
                things.add(rows.getString(1));
            }
            return things;
        }
    }

    private static Optional<ExecutionRecord> first(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(execution(rows)) : Optional.empty();
        }
    }

    private static List<ExecutionRecord> all(PreparedStatement query) throws SQLException {
        List<ExecutionRecord> executions = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                executions.add(execution(rows));
            }
        }
        return executions;
    }

    private static ExecutionRecord execution(ResultSet rows) throws SQLException {
        ExecutionTimers timers = new ExecutionTimers(SqlValues.getNullableLong(rows, "in_progress_timeout_minutes"),
                SqlValues.getInstant(rows, "in_progress_deadline"), SqlValues.getInstant(rows, "step_deadline"));
        return new ExecutionRecord(rows.getString("thing_name"), rows.getString("job_id"),
                rows.getLong("execution_number"), status(rows.getString("status")),
                StatusDetailsJson.read(rows.getString("status_details")), SqlValues.getInstant(rows, "queued_at"),
                SqlValues.getInstant(rows, "started_at"), SqlValues.getInstant(rows, "last_updated_at"),
                rows.getLong("version_number"), timers);
    }

    private static OutboxEntry outboxEntry(ResultSet rows) throws SQLException {
        String details = rows.getString("status_details");
        Map<String, String> statusDetails = details == null ? null : StatusDetailsJson.read(details);
        UpdateJobExecutionRequest request = new UpdateJobExecutionRequest(rows.getString("thing_name"),
                rows.getString("job_id"), status(rows.getString("status")), statusDetails,
                SqlValues.getNullableLong(rows, "expected_version"), SqlValues.getNullableLong(rows, "execution_number"),
                rows.getInt("include_job_execution_state") != 0, rows.getInt("include_job_document") != 0,
                SqlValues.getNullableLong(rows, "step_timeout_in_minutes"), rows.getString("client_token"));
        return new OutboxEntry(rows.getLong("sequence"), request, rows.getLong("local_version_number"),
                SqlValues.getInstant(rows, "enqueued_at"), rows.getInt("attempts"), rows.getInt("increments"));
    }

    static JobExecutionStatus status(String stored) {
        JobExecutionStatus status = JobExecutionStatus.fromWire(stored);
        if (status == null) {
            throw new StoreException("stored execution status is not a JobExecutionStatus: " + stored);
        }
        return status;
    }
}
