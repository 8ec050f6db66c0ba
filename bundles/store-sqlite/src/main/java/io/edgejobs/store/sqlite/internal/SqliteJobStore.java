package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import io.edgejobs.api.store.StoreInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * {@link JobStore} on one open SQLite file: reads on a pool of read-only connections, writes through the
 * {@link GroupCommitWriter}. Opened by {@link StoreOpener}.
 */
final class SqliteJobStore implements JobStore, AutoCloseable {
    private final Path file;
    private final int schemaVersion;
    private final String journalMode;
    private volatile SynchronousLevel synchronous;
    private final Path quarantinedFile;
    private final ReadConnectionPool readers;
    private final GroupCommitWriter writer;

    SqliteJobStore(Path file, int schemaVersion, String journalMode, SynchronousLevel synchronous,
            Path quarantinedFile, ReadConnectionPool readers, GroupCommitWriter writer) {
        this.file = file;
        this.schemaVersion = schemaVersion;
        this.journalMode = journalMode;
        this.synchronous = synchronous;
        this.quarantinedFile = quarantinedFile;
        this.readers = readers;
        this.writer = writer;
    }

    @Override
    public Optional<ExecutionRecord> execution(String thingName, String jobId, long executionNumber) {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
        return readers.read("execution", c -> StoreQueries.execution(c, thingName, jobId, executionNumber));
    }

    @Override
    public Optional<ExecutionRecord> latestExecution(String thingName, String jobId) {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
        return readers.read("latestExecution", c -> StoreQueries.latestExecution(c, thingName, jobId));
    }

    @Override
    public List<ExecutionRecord> pendingExecutions(String thingName) {
        Objects.requireNonNull(thingName, "thingName");
        return readers.read("pendingExecutions", c -> StoreQueries.pendingExecutions(c, thingName));
    }

    @Override
    public List<ExecutionRecord> executions(String thingName) {
        Objects.requireNonNull(thingName, "thingName");
        return readers.read("executions", c -> StoreQueries.executions(c, thingName));
    }

    @Override
    public Optional<JobDocumentRecord> document(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return readers.read("document", c -> StoreQueries.document(c, jobId));
    }

    @Override
    public List<OutboxEntry> outbox(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return limit == 0 ? List.of() : readers.read("outbox", c -> StoreQueries.outbox(c, limit));
    }

    @Override
    public long outboxSize() {
        return readers.read("outboxSize", StoreQueries::outboxSize);
    }

    @Override
    public long outboxBytes() {
        return readers.read("outboxBytes", StoreQueries::outboxBytes);
    }

    @Override
    public Set<String> outboxThings() {
        return readers.read("outboxThings", ReconciliationQueries::outboxThings);
    }

    @Override
    public List<OutboxEntry> outbox(String thingName) {
        Objects.requireNonNull(thingName, "thingName");
        return readers.read("outbox of thing", c -> ReconciliationQueries.outbox(c, thingName));
    }

    @Override
    public List<OutboxEntry> outbox(String thingName, String jobId, long executionNumber) {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
        return readers.read("outbox of execution",
                c -> ReconciliationQueries.outbox(c, thingName, jobId, executionNumber));
    }

    @Override
    public Optional<CloudState> cloudState(String thingName, String jobId, long executionNumber) {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
        return readers.read("cloudState", c -> ReconciliationQueries.cloudState(c, thingName, jobId,
                executionNumber));
    }

    @Override
    public List<ConflictRecord> conflicts(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return limit == 0 ? List.of() : readers.read("conflicts", c -> ReconciliationQueries.conflicts(c, limit));
    }

    @Override
    public Set<String> knownThings() {
        return readers.read("knownThings", StoreQueries::knownThings);
    }

    @Override
    public CompletionStage<Void> commit(List<StoreChange> changes) {
        CompletableFuture<Void> done = trySubmit(changes);
        return done != null ? done
                : CompletableFuture.failedFuture(new StoreClosedException("store " + file + " is closed"));
    }

    /** Queues the commit, or returns null when this store is closed (the caller may retry on its successor). */
    CompletableFuture<Void> trySubmit(List<StoreChange> changes) {
        return writer.submit(List.copyOf(changes));
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo(file.toString(), schemaVersion, journalMode, synchronous.name(),
                quarantinedFile == null ? null : quarantinedFile.toString());
    }

    Path file() {
        return file;
    }

    /** Applies the settings that need no reopen: group commit at once, synchronous in queue order. */
    CompletionStage<Void> retune(StoreOptions options) {
        writer.setGroupCommit(options.groupCommitWindowMillis(), options.maxChangesPerTransaction());
        if (options.synchronous() == synchronous) {
            return CompletableFuture.completedFuture(null);
        }
        SynchronousLevel wanted = options.synchronous();
        CompletableFuture<SynchronousLevel> applied =
                writer.onWriterConnection(c -> StoreOpener.applySynchronous(c, wanted));
        if (applied == null) {
            return CompletableFuture.failedFuture(new StoreClosedException("store " + file + " is closed"));
        }
        return applied.thenAccept(level -> synchronous = level);
    }

    /** Completes once the writer has finished everything queued and closed its connection. */
    CompletionStage<Void> stopped() {
        return writer.stopped();
    }

    WriterStatistics statistics() {
        return writer.statistics();
    }

    /** A PRAGMA as the writer connection sees it (for tests and diagnostics). */
    String writerPragma(String pragma) {
        CompletableFuture<String> answer = writer.onWriterConnection(c -> SqliteConnections.pragma(c, pragma));
        if (answer == null) {
            throw new StoreClosedException("store " + file + " is closed");
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw new StoreException("PRAGMA " + pragma + " failed", e.getCause());
        }
    }

    /**
     * Finishes every queued commit, then closes all connections; the writer closes last, so that it checkpoints
     * the WAL into the database file.
     */
    @Override
    public void close() {
        try {
            readers.close();
        } finally {
            writer.close();
        }
    }
}
