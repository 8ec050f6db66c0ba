package io.edgejobs.store.sqlite.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a store: creates the folder, checks the file's integrity (quarantining or refusing a corrupt one),
 * sets WAL and the synchronous level on the writer, migrates the schema, opens the readers and starts the
 * writer.
 */
final class StoreOpener {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);

    private final Clock clock;
    private final SchemaMigrator migrator;

    StoreOpener(Clock clock, SchemaMigrator migrator) {
        this.clock = clock;
        this.migrator = migrator;
    }

    static StoreOpener standard() {
        return new StoreOpener(Clock.systemUTC(), SchemaMigrator.standard());
    }

    SqliteJobStore open(StoreOptions options) throws StoreOpenException {
        return open(options, CompletableFuture.completedFuture(null));
    }

    /** Opens the store; its writer waits for {@code writerStartGate} before its first write. */
    SqliteJobStore open(StoreOptions options, CompletionStage<?> writerStartGate) throws StoreOpenException {
        Path file = options.databaseFile();
        SqliteConnections connections = new SqliteConnections(file, options.busyTimeoutMillis());
        Path quarantined = checkIntegrity(options, connections);
        Connection writerConnection = null;
        ReadConnectionPool readers = null;
        try {
            writerConnection = connections.openWriter();
            String journalMode = SqliteConnections.pragma(writerConnection, "journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(journalMode)) {
                LOG.warn("Store {}: SQLite refused WAL journal mode (answered '{}'); readers will wait for the "
                        + "writer. Is the file on a network or read-only file system?", file, journalMode);
            }
            SynchronousLevel synchronous = applySynchronous(writerConnection, options.synchronous());
            int schemaVersion = migrator.migrate(writerConnection, file);
            readers = ReadConnectionPool.open(connections, options.readConnections(), file.toString());
            GroupCommitWriter writer = new GroupCommitWriter(writerConnection, file.toString(),
                    options.groupCommitWindowMillis(), options.maxChangesPerTransaction(), writerStartGate);
            LOG.info("Store {} open: schema version {}, journal {}, synchronous {}, {} read connection(s)", file,
                    schemaVersion, journalMode.toLowerCase(Locale.ROOT), synchronous, options.readConnections());
            return new SqliteJobStore(file, schemaVersion, journalMode.toLowerCase(Locale.ROOT), synchronous,
                    quarantined, readers, writer);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(readers, writerConnection, e);
            throw new StoreOpenException("Cannot open store " + file + ": " + e.getMessage(), e);
        } catch (UnsupportedSchemaException e) {
            closeQuietly(readers, writerConnection, e);
            throw e;
        }
    }

    /** Sets PRAGMA synchronous and returns the level SQLite confirms. */
    static SynchronousLevel applySynchronous(Connection connection, SynchronousLevel level) throws SQLException {
        SqliteConnections.execute(connection, "PRAGMA synchronous = " + level.name());
        SynchronousLevel confirmed =
                SynchronousLevel.ofPragmaValue(Integer.parseInt(SqliteConnections.pragma(connection, "synchronous")));
        if (confirmed != level) {
            throw new SQLException("PRAGMA synchronous = " + level + " did not take effect (SQLite answers "
                    + confirmed + ")");
        }
        return confirmed;
    }

    /** Returns where a corrupt file was moved, or null when the file was fine (or absent). */
    private Path checkIntegrity(StoreOptions options, SqliteConnections connections) throws StoreOpenException {
        Path file = options.databaseFile();
        IntegrityCheck.Verdict verdict;
        try {
            Files.createDirectories(file.getParent());
            verdict = IntegrityCheck.check(file, connections);
        } catch (IOException | SQLException e) {
            throw new StoreOpenException("Cannot check store " + file + " (" + e.getMessage() + "); the file was "
                    + "left untouched", e);
        }
        if (verdict.healthy()) {
            return null;
        }
        if (options.onCorruption() == CorruptionPolicy.FAIL) {
            throw new CorruptDatabaseException(file, verdict.problem());
        }
        Path moved;
        try {
            moved = Quarantine.moveAside(file, clock.instant());
        } catch (IOException e) {
            throw new StoreOpenException("Store " + file + " is corrupt (" + verdict.problem() + ") and could not "
                    + "be moved aside (" + e.getMessage() + "); the store does not start. Move the file away by "
                    + "hand.", e);
        }
        LOG.error("STORE DATABASE CORRUPT: {} failed its integrity check ({}). It was MOVED (not deleted) to {} "
                + "together with its -wal/-shm files, and the gateway starts with an EMPTY store: cached job "
                + "executions are fetched again from AWS when online, but device updates that were still in the "
                + "outbox are only in the moved file. To salvage them: sqlite3 '{}' '.recover' > recovered.sql, "
                + "inspect the outbox table, and replay or discard by hand. Delete the moved file only when done.",
                file, verdict.problem(), moved, moved);
        return moved;
    }

    private static void closeQuietly(ReadConnectionPool readers, Connection writer, Exception failure) {
        if (readers != null) {
            readers.close();
        }
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
