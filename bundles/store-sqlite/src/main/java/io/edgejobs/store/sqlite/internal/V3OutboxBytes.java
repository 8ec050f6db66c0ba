package io.edgejobs.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Version 3: the outbox's stored size, kept as it changes so that reading it costs one row, whatever the number of
 * entries ({@code outbox_totals}, one row, maintained by triggers on {@code outbox} in the same transaction as the
 * change; filled from the existing entries when the file is migrated).
 *
 * <p>The size of one entry ({@link #ENTRY_BYTES}) is what the store keeps of the request: its texts in UTF-8
 * bytes (thing name, job id, status, statusDetails as JSON, clientToken) plus {@value #NUMBERS_BYTES} bytes for its
 * numbers and flags. A merge (the entry takes the newer request) changes it by the difference.
 */
final class V3OutboxBytes implements Migration {

    /** What one entry's numbers and flags count for (ten columns of at most 8 bytes, rounded). */
    static final int NUMBERS_BYTES = 64;

    /** The stored size of an outbox row, as an SQL expression over {@code row} (NEW, OLD or the table). */
    static String entryBytes(String row) {
        return "(length(CAST(" + row + ".thing_name AS BLOB)) + length(CAST(" + row + ".job_id AS BLOB))"
                + " + length(CAST(" + row + ".status AS BLOB))"
                + " + COALESCE(length(CAST(" + row + ".status_details AS BLOB)), 0)"
                + " + COALESCE(length(CAST(" + row + ".client_token AS BLOB)), 0) + " + NUMBERS_BYTES + ")";
    }

    static final String ENTRY_BYTES = entryBytes("outbox");

    @Override
    public int version() {
        return 3;
    }

    @Override
    public String description() {
        return "outbox_totals (stored bytes of the outbox, kept by triggers)";
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        SqliteConnections.execute(connection, """
                CREATE TABLE outbox_totals (
                    id    INTEGER PRIMARY KEY CHECK (id = 1),
                    bytes INTEGER NOT NULL CHECK (bytes >= 0)
                )""");
        SqliteConnections.execute(connection,
                "INSERT INTO outbox_totals (id, bytes) SELECT 1, COALESCE(SUM(" + ENTRY_BYTES + "), 0) FROM outbox");
        SqliteConnections.execute(connection, "CREATE TRIGGER outbox_bytes_insert AFTER INSERT ON outbox BEGIN "
                + "UPDATE outbox_totals SET bytes = bytes + " + entryBytes("NEW") + " WHERE id = 1; END");
        SqliteConnections.execute(connection, "CREATE TRIGGER outbox_bytes_delete AFTER DELETE ON outbox BEGIN "
                + "UPDATE outbox_totals SET bytes = bytes - " + entryBytes("OLD") + " WHERE id = 1; END");
        // only the columns that count: counting an attempt does not fire it
        SqliteConnections.execute(connection, "CREATE TRIGGER outbox_bytes_update AFTER UPDATE OF thing_name, "
                + "job_id, status, status_details, client_token ON outbox BEGIN "
                + "UPDATE outbox_totals SET bytes = bytes - " + entryBytes("OLD") + " + " + entryBytes("NEW")
                + " WHERE id = 1; END");
    }
}
