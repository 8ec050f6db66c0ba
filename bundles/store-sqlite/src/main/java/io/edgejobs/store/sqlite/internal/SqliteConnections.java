package io.edgejobs.store.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * Opens the store's connections through {@link SQLiteDataSource} (DriverManager finds no driver inside OSGi).
 * Three kinds: the probe (read-only, touches nothing, used for the integrity check), the single writer and the
 * read-only readers.
 */
final class SqliteConnections {
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private final Path file;
    private final int busyTimeoutMillis;

    SqliteConnections(Path file, int busyTimeoutMillis) {
        this.file = file;
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    /**
     * A read-only connection that applies no pragma, so that opening a file that turns out corrupt does not
     * change it (a read-write connection would recover or checkpoint the WAL into it).
     */
    Connection openProbe() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMillis);
        return open(config);
    }

    /**
     * The writer, in autocommit mode: transactions are explicit ({@link Transactions}); WAL and the synchronous
     * level are set by the caller, who checks what SQLite answered.
     */
    Connection openWriter() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMillis);
        return open(config);
    }

    /** A reader: read-only, autocommit, each query sees the latest committed state (WAL snapshot). */
    Connection openReader() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMillis);
        return open(config);
    }

    private Connection open(SQLiteConfig config) throws SQLException {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource.getConnection();
    }

    /** Whether SQLite said the file is damaged or not a database at all (as opposed to an I/O or lock error). */
    static boolean isCorruption(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xFF;
                if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first column of the first row of a PRAGMA, as text. */
    static String pragma(Connection connection, String pragma) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA " + pragma)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
