package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The schema-2 reads: outbox per thing and per execution, cloud-confirmed states, the reconciliation audit. */
final class ReconciliationQueries {

    private ReconciliationQueries() {
    }

    static Set<String> outboxThings(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT DISTINCT thing_name FROM outbox ORDER BY thing_name");
                ResultSet rows = query.executeQuery()) {
            Set<String> things = new LinkedHashSet<>();
            while (rows.next()) {
                things.add(rows.getString(1));
            }
            return things;
        }
    }

    static List<OutboxEntry> outbox(Connection c, String thingName) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + StoreQueries.OUTBOX_COLUMNS
                + " FROM outbox WHERE thing_name = ? ORDER BY sequence")) {
            query.setString(1, thingName);
            return StoreQueries.outboxEntries(query);
        }
    }

    static List<OutboxEntry> outbox(Connection c, String thingName, String jobId, long executionNumber)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + StoreQueries.OUTBOX_COLUMNS
                + " FROM outbox WHERE thing_name = ? AND job_id = ? AND execution_number = ? ORDER BY sequence")) {
            query.setString(1, thingName);
            query.setString(2, jobId);
            query.setLong(3, executionNumber);
            return StoreQueries.outboxEntries(query);
        }
    }

    static Optional<CloudState> cloudState(Connection c, String thingName, String jobId, long executionNumber)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT status, version_number, confirmed_at"
                + " FROM cloud_states WHERE thing_name = ? AND job_id = ? AND execution_number = ?")) {
            query.setString(1, thingName);
            query.setString(2, jobId);
            query.setLong(3, executionNumber);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CloudState(thingName, jobId, executionNumber,
                        StoreQueries.status(rows.getString("status")), rows.getLong("version_number"),
                        SqlValues.getInstant(rows, "confirmed_at")));
            }
        }
    }

    static List<ConflictRecord> conflicts(Connection c, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT id, recorded_at, thing_name, job_id, execution_number, kind, local_status, local_version,
                    cloud_status, cloud_version, dropped_entries, detail
                FROM conflicts ORDER BY id DESC LIMIT ?""")) {
            query.setInt(1, limit);
            List<ConflictRecord> records = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(conflict(rows));
                }
            }
            return records;
        }
    }

    private static ConflictRecord conflict(ResultSet rows) throws SQLException {
        String local = rows.getString("local_status");
        String cloud = rows.getString("cloud_status");
        return new ConflictRecord(rows.getLong("id"), SqlValues.getInstant(rows, "recorded_at"),
                rows.getString("thing_name"), rows.getString("job_id"), rows.getLong("execution_number"),
                kind(rows.getString("kind")), local == null ? null : StoreQueries.status(local),
                SqlValues.getNullableLong(rows, "local_version"), cloud == null ? null : StoreQueries.status(cloud),
                SqlValues.getNullableLong(rows, "cloud_version"), rows.getInt("dropped_entries"),
                rows.getString("detail"));
    }

    private static ConflictKind kind(String stored) {
        try {
            return ConflictKind.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored conflict kind is not a ConflictKind: " + stored, e);
        }
    }
}
