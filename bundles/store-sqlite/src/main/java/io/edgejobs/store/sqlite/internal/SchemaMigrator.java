package io.edgejobs.store.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the newest schema this bundle knows, one migration per transaction, and records each in
 * {@code schema_version}. A file whose schema is newer than the code is refused untouched.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** Every migration, in version order 1, 2, 3... */
    static final List<Migration> MIGRATIONS = List.of(new V1InitialSchema(), new V2Reconciliation(),
            new V3OutboxBytes());

    private final List<Migration> migrations;
    private final Clock clock;

    SchemaMigrator(List<Migration> migrations, Clock clock) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3... without gaps; found "
                        + migrations.get(i).version() + " at position " + (i + 1));
            }
        }
        this.migrations = List.copyOf(migrations);
        this.clock = clock;
    }

    static SchemaMigrator standard() {
        return new SchemaMigrator(MIGRATIONS, Clock.systemUTC());
    }

    int latestVersion() {
        return migrations.size();
    }

    /**
     * Migrates the writer connection's database; returns the schema version it ends at. A database already at
     * the newest version is only read (no write lock), so reopening a file that another store still writes to
     * does not wait for it.
     */
    int migrate(Connection writer, Path file) throws SQLException, UnsupportedSchemaException {
        int current = currentVersion(writer);
        for (Migration migration : migrations) {
            if (current > latestVersion()) {
                throw new UnsupportedSchemaException(file, current, latestVersion());
            }
            if (migration.version() <= current) {
                continue;
            }
            current = inTransaction(writer, () -> {
                SqliteConnections.execute(writer, "CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, "
                        + "applied_at INTEGER NOT NULL)");
                int underLock = currentVersion(writer); // another process may have migrated meanwhile
                if (underLock < migration.version()) {
                    migration.apply(writer);
                    record(writer, migration);
                    LOG.info("Store {}: applied schema migration {} ({})", file, migration.version(),
                            migration.description());
                    return migration.version();
                }
                return underLock;
            });
        }
        if (current > latestVersion()) {
            throw new UnsupportedSchemaException(file, current, latestVersion());
        }
        return current;
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet table = statement.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
                if (!table.next()) {
                    return 0;
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private void record(Connection connection, Migration migration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setLong(3, clock.millis());
            insert.executeUpdate();
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        Transactions.begin(connection);
        try {
            T result = work.run();
            Transactions.commit(connection);
            return result;
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackQuietly(connection, e);
            throw e;
        }
    }
}
