package io.edgejobs.engine.internal;

import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.StoreChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what AWS IoT said into the {@link JobStore}. Each write reads the cached record, decides with
 * {@link CloudRecords} and commits, on the thing's own lane: writes of one thing never interleave between read
 * and commit, so a late, older answer cannot roll the cache back. Writes of different things run in parallel.
 *
 * <p>An execution with outbox entries (<em>dirty</em>: device updates accepted offline that the cloud has not seen
 * yet) is never overwritten from the cloud, whose view of it is older than what the devices were told; only its
 * {@link CloudState} is recorded. The replay brings the two together (docs/reconciliation.md).
 *
 * <p>An execution the cloud ended while the gateway was away keeps the version devices were shown
 * ({@link PresentedVersions}): when the cloud reports that same terminal state again at its own, lower version, the
 * record is kept and only the {@link CloudState} is refreshed.
 *
 * <p>Every returned stage completes once the commit is durable. A failed commit is logged at ERROR and the stage
 * still completes normally: the cloud's answer is true whatever the cache holds, and the next prefetch repairs the
 * cache.
 */
final class CacheWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CacheWriter.class);

    private final JobStore store;
    private final ThingLanes lanes;
    private final PresentedVersions presented;

    CacheWriter(JobStore store, ThingLanes lanes) {
        this.store = Objects.requireNonNull(store, "store");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.presented = new PresentedVersions(store);
    }

    /** The versions devices are shown for executions the cloud ended while the gateway was away. */
    PresentedVersions presentedVersions() {
        return presented;
    }

    /** A complete execution (Describe, StartNext), with its document when it carries one. */
    CompletableFuture<Void> putExecution(JobExecution execution, Instant answeredAt) {
        String thing = execution.thingName();
        return write(thing, "execution " + execution.jobId(), () -> {
            List<StoreChange> changes = new ArrayList<>(2);
            ExecutionRecord cached = store.execution(thing, execution.jobId(), execution.executionNumber())
                    .orElse(null);
            ExecutionRecord incoming = CloudRecords.fromExecution(execution, cached, answeredAt);
            if (CloudRecords.sameIncarnation(incoming, cached)
                    && presented.covers(cached, incoming.status(), incoming.versionNumber())) {
                changes.add(refreshedCloudState(incoming.thingName(), incoming.jobId(), incoming.executionNumber(),
                        incoming.status(), incoming.versionNumber(), answeredAt));
                documentChange(execution.jobId(), execution.jobDocument(), answeredAt).ifPresent(changes::add);
                return changes;
            }
            cloudState(incoming.thingName(), incoming.jobId(), incoming.executionNumber(), incoming.status(),
                    incoming.versionNumber(), answeredAt).ifPresent(changes::add);
            if (!isDirty(incoming) && CloudRecords.supersedes(incoming, cached)) {
                changes.add(new StoreChange.PutExecution(incoming));
            }
            documentChange(execution.jobId(), execution.jobDocument(), answeredAt).ifPresent(changes::add);
            return changes;
        }).thenApply(written -> null);
    }

    /**
     * The execution of a notify-next message, which carries no statusDetails: its document is always written, the
     * record only when it is a freshly queued execution (nothing to lose) or the cache already has that version.
     *
     * @return whether the cache now holds the execution; false means it must be described
     */
    CompletableFuture<Boolean> putNotified(JobExecution execution, Instant at) {
        String thing = execution.thingName();
        boolean[] known = new boolean[1];
        return write(thing, "notified execution " + execution.jobId(), () -> {
            List<StoreChange> changes = new ArrayList<>(2);
            ExecutionRecord cached = store.execution(thing, execution.jobId(), execution.executionNumber())
                    .orElse(null);
            ExecutionRecord fresh = CloudRecords.freshlyQueued(execution, at);
            cloudState(thing, execution.jobId(), execution.executionNumber(), execution.status(),
                    execution.versionNumber(), at).ifPresent(changes::add);
            if (cached != null && isDirty(cached)) {
                known[0] = true; // the replay, not a describe, brings it up to date
            } else if (cached != null && CloudRecords.matches(execution.summary(), cached)) {
                known[0] = true;
            } else if (fresh != null && CloudRecords.supersedes(fresh, cached)) {
                changes.add(new StoreChange.PutExecution(fresh));
                known[0] = true;
            }
            documentChange(execution.jobId(), execution.jobDocument(), at).ifPresent(changes::add);
            return changes;
        }).thenApply(written -> known[0]);
    }

    /**
     * The state AWS reported for an UpdateJobExecution: the new state of an accepted update, or the current state
     * in a VersionMismatch / InvalidStateTransition.
     *
     * @param executionNumber the request's execution number, or null for the latest cached execution of the job
     * @param accepted whether the update was accepted (the state is then exactly one version newer)
     * @param stepTimeoutInMinutes the request's step timeout, or null
     * @return whether the cache now holds the state exactly; false means the execution must be described
     */
    CompletableFuture<Boolean> putState(String thing, String jobId, Long executionNumber, JobExecutionState state,
            boolean accepted, Instant at, Long stepTimeoutInMinutes) {
        boolean[] exact = new boolean[1];
        return write(thing, "state of " + jobId, () -> {
            Optional<ExecutionRecord> found = executionNumber == null
                    ? store.latestExecution(thing, jobId)
                    : store.execution(thing, jobId, executionNumber);
            if (found.isEmpty()) {
                return List.of();
            }
            ExecutionRecord cached = found.get();
            long version = state.versionNumber();
            Optional<StoreChange> cloud = cloudState(thing, jobId, cached.executionNumber(), state.status(), version,
                    at);
            if (isDirty(cached)) {
                exact[0] = true; // the replay, not a describe, brings it up to date
                return cloud.map(List::of).orElse(List.of());
            }
            if (presented.covers(cached, state.status(), version)) {
                exact[0] = true; // the record holds that state, at the version devices were shown
                return List.of(refreshedCloudState(thing, jobId, cached.executionNumber(), state.status(), version,
                        at));
            }
            if (accepted) {
                // an accepted update moved a non-terminal execution exactly one version on; anything else means the
                // cloud updated an execution the cache does not know (a retry) or the cache missed a change
                if (cached.status().isTerminal() || version <= cached.versionNumber()) {
                    return List.of();
                }
                exact[0] = version == cached.versionNumber() + 1;
            } else {
                // a rejection's state is current, but its lastUpdatedAt is unknown: exact only when unchanged
                exact[0] = version == cached.versionNumber();
                if (version <= cached.versionNumber()) {
                    return List.of();
                }
            }
            List<StoreChange> changes = new ArrayList<>(2);
            cloud.ifPresent(changes::add);
            changes.add(new StoreChange.PutExecution(
                    CloudRecords.fromState(cached, state, at, accepted ? stepTimeoutInMinutes : null)));
            return changes;
        }).thenApply(written -> exact[0]);
    }

    /** A job document the cloud returned. */
    CompletableFuture<Void> putDocument(String thing, String jobId, String document, Instant at) {
        return write(thing, "document of " + jobId,
                () -> documentChange(jobId, document, at).map(List::of).orElse(List.of())).thenApply(w -> null);
    }

    /**
     * Removes what the cloud says does not exist: one execution, or every cached execution of the job on the
     * thing when {@code executionNumber} is null.
     */
    CompletableFuture<Void> forget(String thing, String jobId, Long executionNumber) {
        return write(thing, "forget " + jobId, () -> store.executions(thing).stream()
                .filter(r -> r.jobId().equals(jobId))
                .filter(r -> executionNumber == null || r.executionNumber() == executionNumber)
                .filter(r -> !isDirty(r)) // the replay learns ResourceNotFound itself, and records the conflict
                .<StoreChange>map(r -> new StoreChange.DeleteExecution(thing, jobId, r.executionNumber()))
                .toList()).thenApply(w -> null);
    }

    /** Records the thing as known (its cache was filled from the cloud at least once). */
    CompletableFuture<Void> addThing(String thing, Instant at) {
        return write(thing, "known thing", () -> store.knownThings().contains(thing)
                ? List.of()
                : List.<StoreChange>of(new StoreChange.AddThing(thing, at))).thenApply(w -> null);
    }

    private boolean isDirty(ExecutionRecord r) {
        return !store.outbox(r.thingName(), r.jobId(), r.executionNumber()).isEmpty();
    }

    /** The cloud's view of an execution, when it is newer than (or differs at the version of) the recorded one. */
    private Optional<StoreChange> cloudState(String thing, String jobId, long executionNumber,
            JobExecutionStatus status, long version, Instant at) {
        boolean known = store.cloudState(thing, jobId, executionNumber)
                .map(c -> c.versionNumber() > version || (c.versionNumber() == version && c.status() == status))
                .orElse(false);
        return known ? Optional.empty() : Optional.of(new StoreChange.PutCloudState(new CloudState(thing, jobId,
                executionNumber, status, version, at)));
    }

    /** The cloud's view of an execution, recorded again with the time it was confirmed. */
    private static StoreChange refreshedCloudState(String thing, String jobId, long executionNumber,
            JobExecutionStatus status, long version, Instant at) {
        return new StoreChange.PutCloudState(new CloudState(thing, jobId, executionNumber, status, version, at));
    }

    private Optional<StoreChange> documentChange(String jobId, String document, Instant at) {
        if (document == null) {
            return Optional.empty();
        }
        boolean same = store.document(jobId).map(d -> d.document().equals(document)).orElse(false);
        return same ? Optional.empty()
                : Optional.of(new StoreChange.PutDocument(new JobDocumentRecord(jobId, document, at)));
    }

    /** @return completes with whether anything was committed; never exceptionally */
    private CompletableFuture<Boolean> write(String thing, String what, Supplier<List<StoreChange>> changes) {
        return lanes.submit(thing, () -> {
            List<StoreChange> list = changes.get();
            if (list.isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            return store.commit(list).thenApply(v -> {
                LOG.debug("thing {}: cached {} ({} changes)", thing, what, list.size());
                return true;
            });
        }).exceptionally(error -> {
            LOG.error("thing {}: caching {} failed; the cache is repaired at the next prefetch", thing, what,
                    Failures.unwrap(error));
            return false;
        });
    }
}
