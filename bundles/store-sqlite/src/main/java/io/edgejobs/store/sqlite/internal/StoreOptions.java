package io.edgejobs.store.sqlite.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The store's settings, validated and immutable.
 *
 * @param databaseFile absolute path of the database file
 * @param synchronous the PRAGMA synchronous level of the writer
 * @param groupCommitWindowMillis how long the writer waits for more commits to group
 * @param maxChangesPerTransaction bound on changes grouped into one transaction
 * @param busyTimeoutMillis SQLite busy timeout of every connection
 * @param onCorruption what to do with a corrupt file at open
 * @param readConnections size of the read connection pool
 */
record StoreOptions(Path databaseFile, SynchronousLevel synchronous, int groupCommitWindowMillis,
        int maxChangesPerTransaction, int busyTimeoutMillis, CorruptionPolicy onCorruption, int readConnections) {

    StoreOptions {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(onCorruption, "onCorruption");
        databaseFile = databaseFile.toAbsolutePath().normalize();
        requireRange("groupCommitWindowMillis", groupCommitWindowMillis, 0, 1000);
        requireRange("maxChangesPerTransaction", maxChangesPerTransaction, 1, Integer.MAX_VALUE);
        requireRange("busyTimeoutMillis", busyTimeoutMillis, 0, Integer.MAX_VALUE);
        requireRange("readConnections", readConnections, 1, 16);
    }

    /** Defaults of the component configuration, on the given file. */
    static StoreOptions defaults(Path databaseFile) {
        return new StoreOptions(databaseFile, SynchronousLevel.FULL, 2, 1000, 5000,
                CorruptionPolicy.QUARANTINE_AND_START_FRESH, 2);
    }

    static StoreOptions from(Config config) {
        String path = config.databasePath();
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("databasePath must not be empty");
        }
        return new StoreOptions(Path.of(path.trim()), config.synchronous(), config.groupCommitWindowMillis(),
                config.maxChangesPerTransaction(), config.busyTimeoutMillis(), config.onCorruption(),
                config.readConnections());
    }

    /**
     * Whether going from {@code previous} to these options needs the database reopened; the other settings are
     * applied to the open store.
     */
    boolean needsReopenComparedTo(StoreOptions previous) {
        return !databaseFile.equals(previous.databaseFile) || busyTimeoutMillis != previous.busyTimeoutMillis
                || readConnections != previous.readConnections;
    }

    StoreOptions withSynchronous(SynchronousLevel level) {
        return new StoreOptions(databaseFile, level, groupCommitWindowMillis, maxChangesPerTransaction,
                busyTimeoutMillis, onCorruption, readConnections);
    }

    StoreOptions withOnCorruption(CorruptionPolicy policy) {
        return new StoreOptions(databaseFile, synchronous, groupCommitWindowMillis, maxChangesPerTransaction,
                busyTimeoutMillis, policy, readConnections);
    }

    StoreOptions withGroupCommit(int windowMillis, int maxChanges) {
        return new StoreOptions(databaseFile, synchronous, windowMillis, maxChanges, busyTimeoutMillis,
                onCorruption, readConnections);
    }

    StoreOptions withDatabaseFile(Path file) {
        return new StoreOptions(file, synchronous, groupCommitWindowMillis, maxChangesPerTransaction,
                busyTimeoutMillis, onCorruption, readConnections);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
