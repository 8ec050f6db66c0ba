package io.edgejobs.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Explicit BEGIN IMMEDIATE / COMMIT / ROLLBACK on an autocommit connection. */
final class Transactions {
    private Transactions() {
    }

    /**
     * IMMEDIATE takes the write lock at BEGIN, so a competing writer (an operator's sqlite3 shell) makes the
     * transaction wait up to the busy timeout before it starts rather than fail halfway.
     */
    static void begin(Connection connection) throws SQLException {
        SqliteConnections.execute(connection, "BEGIN IMMEDIATE");
    }

    static void commit(Connection connection) throws SQLException {
        SqliteConnections.execute(connection, "COMMIT");
    }

    /**
     * Rolls back after {@code failure}. SQLite may already have rolled back by itself (after an I/O error or a
     * failed COMMIT), so a failing ROLLBACK is attached to the original failure instead of replacing it.
     */
    static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            SqliteConnections.execute(connection, "ROLLBACK");
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
