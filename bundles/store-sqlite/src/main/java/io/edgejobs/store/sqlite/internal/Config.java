package io.edgejobs.store.sqlite.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SqliteJobStoreComponent.PID, name = "Edgejobs job store (SQLite)",
        description = "The gateway's durable store: cached job executions and documents, the outbox of device "
                + "updates waiting for AWS, and the known things, in one SQLite file (WAL journal).")
@interface Config {

    @AttributeDefinition(name = "Database file",
            description = "Path of the SQLite database file. A relative path is resolved against the working "
                    + "directory of the gateway process; missing parent folders are created. Changing it opens "
                    + "the new file (the old file is left as it is; nothing is copied).")
    String databasePath() default "data/edgejobs.db";

    @AttributeDefinition(name = "Synchronous level",
            description = "SQLite PRAGMA synchronous. FULL (default): every commit is synced to disk before it is "
                    + "acknowledged, so acknowledged device updates survive a power cut. NORMAL: faster, but the "
                    + "last commits can be lost on power loss (not on a process crash). EXTRA: also syncs the "
                    + "directory. OFF: no syncing at all, for tests only.")
    SynchronousLevel synchronous() default SynchronousLevel.FULL;

    @AttributeDefinition(name = "Group-commit window (ms)", min = "0", max = "1000",
            description = "How long the writer waits after the first pending commit for more commits to put into "
                    + "the same transaction (one disk sync for all of them). 0 groups only what is already "
                    + "queued. Larger values raise throughput under load and add up to this much latency.")
    int groupCommitWindowMillis() default 2;

    @AttributeDefinition(name = "Maximum changes per transaction", min = "1",
            description = "Upper bound on the number of changes grouped into one transaction. A single commit "
                    + "call with more changes than this still runs alone, atomically.")
    int maxChangesPerTransaction() default 1000;

    @AttributeDefinition(name = "Busy timeout (ms)", min = "0",
            description = "How long a connection waits for a lock held by another connection (for example an "
                    + "operator's sqlite3 shell) before the statement fails with SQLITE_BUSY.")
    int busyTimeoutMillis() default 5000;

    @AttributeDefinition(name = "On corruption at open",
            description = "What to do when the file fails PRAGMA quick_check or is not an SQLite database. "
                    + "QUARANTINE_AND_START_FRESH (default): move the file and its -wal/-shm files aside to "
                    + "<name>.corrupt-<UTC timestamp>, log an ERROR naming it, start with an empty store. "
                    + "FAIL: leave the file untouched and do not start the store (the gateway then has no store "
                    + "until an operator repairs or moves the file). The file is never deleted.")
    CorruptionPolicy onCorruption() default CorruptionPolicy.QUARANTINE_AND_START_FRESH;

    @AttributeDefinition(name = "Read connections", min = "1", max = "16",
            description = "Number of read-only connections used by queries. Readers never block the writer or "
                    + "each other (WAL); more connections allow more parallel queries.")
    int readConnections() default 2;
}
