package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.StoreChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The schema-2 changes of {@link ChangeWriter}: outbox merges, cloud-confirmed states and the reconciliation
 * audit (pruned to the newest {@link V2Reconciliation#CONFLICTS_KEPT} records). Statements are prepared once and
 * closed by the owning {@link ChangeWriter}.
 */
final class ReconciliationWriter {
    private final PreparedStatement mergeOutbox;
    private final PreparedStatement putCloudState;
    private final PreparedStatement deleteCloudState;
    private final PreparedStatement recordConflict;
    private final PreparedStatement pruneConflicts;

    ReconciliationWriter(Connection connection, List<PreparedStatement> owned) throws SQLException {
        mergeOutbox = prepare(connection, owned, """
                UPDATE outbox SET status = ?, status_details = ?, expected_version = ?, execution_number = ?,
                    include_job_execution_state = ?, include_job_document = ?, step_timeout_in_minutes = ?,
                    client_token = ?, local_version_number = ?, increments = increments + 1
                WHERE sequence = ? AND thing_name = ? AND job_id = ?""");
        putCloudState = prepare(connection, owned, """
                INSERT OR REPLACE INTO cloud_states (thing_name, job_id, execution_number, status, version_number,
                    confirmed_at)
                VALUES (?, ?, ?, ?, ?, ?)""");
        deleteCloudState = prepare(connection, owned,
                "DELETE FROM cloud_states WHERE thing_name = ? AND job_id = ? AND execution_number = ?");
        recordConflict = prepare(connection, owned, """
                INSERT INTO conflicts (recorded_at, thing_name, job_id, execution_number, kind, local_status,
                    local_version, cloud_status, cloud_version, dropped_entries, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        pruneConflicts = prepare(connection, owned,
                "DELETE FROM conflicts WHERE id <= (SELECT MAX(id) FROM conflicts) - " + V2Reconciliation.CONFLICTS_KEPT);
    }

    /** Applies the change if it is one of schema 2; returns false otherwise. */
    boolean apply(StoreChange change) throws SQLException {
        if (change instanceof StoreChange.MergeOutbox merge) {
            merge(merge);
        } else if (change instanceof StoreChange.PutCloudState put) {
            putCloudState(put.state());
        } else if (change instanceof StoreChange.RecordConflict record) {
            record(record.conflict());
        } else {
            return false;
        }
        return true;
    }

    /** The cloud state goes with its execution. */
    void executionDeleted(String thingName, String jobId, long executionNumber) throws SQLException {
        deleteCloudState.setString(1, thingName);
        deleteCloudState.setString(2, jobId);
        deleteCloudState.setLong(3, executionNumber);
        deleteCloudState.executeUpdate();
    }

    private void merge(StoreChange.MergeOutbox merge) throws SQLException {
        UpdateJobExecutionRequest request = merge.request();
        mergeOutbox.setString(1, request.status().name());
        mergeOutbox.setString(2,
                request.statusDetails() == null ? null : StatusDetailsJson.write(request.statusDetails()));
        SqlValues.setNullableLong(mergeOutbox, 3, request.expectedVersion());
        SqlValues.setNullableLong(mergeOutbox, 4, request.executionNumber());
        mergeOutbox.setInt(5, request.includeJobExecutionState() ? 1 : 0);
        mergeOutbox.setInt(6, request.includeJobDocument() ? 1 : 0);
        SqlValues.setNullableLong(mergeOutbox, 7, request.stepTimeoutInMinutes());
        mergeOutbox.setString(8, request.clientToken());
        mergeOutbox.setLong(9, merge.localVersionNumber());
        mergeOutbox.setLong(10, merge.sequence());
        // an update of another thing or job can never be merged into the entry, whatever the caller thinks
        mergeOutbox.setString(11, request.thingName());
        mergeOutbox.setString(12, request.jobId());
        mergeOutbox.executeUpdate();
    }

    private void putCloudState(CloudState state) throws SQLException {
        putCloudState.setString(1, state.thingName());
        putCloudState.setString(2, state.jobId());
        putCloudState.setLong(3, state.executionNumber());
        putCloudState.setString(4, state.status().name());
        putCloudState.setLong(5, state.versionNumber());
        SqlValues.setInstant(putCloudState, 6, state.confirmedAt());
        putCloudState.executeUpdate();
    }

    private void record(ConflictRecord conflict) throws SQLException {
        SqlValues.setInstant(recordConflict, 1, conflict.recordedAt());
        recordConflict.setString(2, conflict.thingName());
        recordConflict.setString(3, conflict.jobId());
        recordConflict.setLong(4, conflict.executionNumber());
        recordConflict.setString(5, conflict.kind().name());
        recordConflict.setString(6, conflict.localStatus() == null ? null : conflict.localStatus().name());
        SqlValues.setNullableLong(recordConflict, 7, conflict.localVersion());
        recordConflict.setString(8, conflict.cloudStatus() == null ? null : conflict.cloudStatus().name());
        SqlValues.setNullableLong(recordConflict, 9, conflict.cloudVersion());
        recordConflict.setInt(10, conflict.droppedEntries());
        recordConflict.setString(11, conflict.detail());
        recordConflict.executeUpdate();
        pruneConflicts.executeUpdate();
    }

    private static PreparedStatement prepare(Connection connection, List<PreparedStatement> owned, String sql)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        owned.add(statement);
        return statement;
    }
}
