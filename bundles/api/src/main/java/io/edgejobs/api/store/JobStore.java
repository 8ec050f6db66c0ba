package io.edgejobs.api.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable storage of the gateway: cached executions and documents, the outbox of device updates waiting for
 * upstream, and the things the gateway knows.
 *
 * <p>Reads see every committed change. Writes go through {@link #commit}: each call's changes are applied
 * atomically, and the returned stage completes only once they are durable at the configured synchronous level.
 * Concurrent calls may be grouped into one transaction (group commit), so callers never block one another on
 * the disk.
 */
@ProviderType
public interface JobStore {

    /** One execution by its full key. */
    Optional<ExecutionRecord> execution(String thingName, String jobId, long executionNumber);

    /** The execution of the job on the thing with the highest executionNumber. */
    Optional<ExecutionRecord> latestExecution(String thingName, String jobId);

    /**
     * The thing's QUEUED and IN_PROGRESS executions: IN_PROGRESS first, then QUEUED, each by queuedAt then
     * executionNumber (the order GetPendingJobExecutions and StartNext use).
     */
    List<ExecutionRecord> pendingExecutions(String thingName);

    /** Every cached execution of the thing, in any status. */
    List<ExecutionRecord> executions(String thingName);

    /** The cached document of a job. */
    Optional<JobDocumentRecord> document(String jobId);

    /** The oldest outbox entries, by sequence, at most {@code limit}. */
    List<OutboxEntry> outbox(int limit);

    /** How many entries wait in the outbox. */
    long outboxSize();

    /**
     * The stored size of the outbox entries, in bytes, as the store counts it (each entry: its request's texts in
     * UTF-8 and a fixed amount for its numbers). Cheap: kept as the outbox changes, not summed on each call.
     *
     * @since 1.2.0
     */
    long outboxBytes();

    /** The things with at least one outbox entry, sorted by name. */
    Set<String> outboxThings();

    /** The thing's outbox entries, by sequence. */
    List<OutboxEntry> outbox(String thingName);

    /**
     * The outbox entries of one execution (those whose request names this executionNumber), by sequence. An
     * execution with entries is <em>dirty</em>: the cloud has not seen everything the device was told.
     */
    List<OutboxEntry> outbox(String thingName, String jobId, long executionNumber);

    /** The last state of the execution the cloud confirmed, if recorded ({@link StoreChange.PutCloudState}). */
    Optional<CloudState> cloudState(String thingName, String jobId, long executionNumber);

    /** The reconciliation audit, newest first, at most {@code limit} records. */
    List<ConflictRecord> conflicts(int limit);

    /** Every thing recorded with {@link StoreChange.AddThing}. */
    Set<String> knownThings();

    /** Applies the changes atomically; completes once durable, or exceptionally if nothing was applied. */
    CompletionStage<Void> commit(List<StoreChange> changes);

    /** Facts about the open database. */
    StoreInfo info();
}
