package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ExecutionChange;
import io.edgejobs.api.jobs.ExecutionUpdates;
import io.edgejobs.api.jobs.ExecutionViews;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StartNextPendingJobExecution and UpdateJobExecution answered by the gateway itself, with the cloud's rules
 * ({@link ExecutionUpdates}) applied to the cached executions: the timers due are fired first, then the request
 * is checked (executionNumber, expectedVersion, state machine) and applied, the local version incremented, and the
 * update appended to the outbox <em>in the same commit</em>. The device is answered only once that commit is
 * durable, then notify / notify-next go to the thing's devices when its pending list or next job changed.
 *
 * <p>Each write runs on the thing's cache lane (read, decide, commit), so it never interleaves with a cache write
 * from the cloud or a replay step of the same thing.
 */
final class LocalWrites implements OfflineWrites {

    private static final Logger LOG = LoggerFactory.getLogger(LocalWrites.class);

    private final JobStore store;
    private final ThingLanes lanes;
    private final LocalCommits commits;
    private final ExecutionUpdates updates = new ExecutionUpdates();
    private final OutboxAdmission admission;
    private final DirtyThings dirty;
    private final Consumer<String> appended;
    private final Clock clock;
    private final DocumentFreshness freshness;

    /**
     * @param appended told (after the commit) that the thing has a new outbox entry
     */
    LocalWrites(JobStore store, ThingLanes lanes, LocalCommits commits, OutboxAdmission admission,
            DirtyThings dirty, Consumer<String> appended, Clock clock, DocumentFreshness freshness) {
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.store = Objects.requireNonNull(store, "store");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.commits = Objects.requireNonNull(commits, "commits");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.dirty = Objects.requireNonNull(dirty, "dirty");
        this.appended = Objects.requireNonNull(appended, "appended");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNext(
            StartNextPendingJobExecutionRequest request) {
        String thing = request.thingName();
        return lanes.submit(thing, () -> {
            Instant now = clock.instant();
            requireKnown(thing);
            ThingSnapshot snapshot = ThingSnapshot.of(store.executions(thing), now);
            Optional<ExecutionChange> change = updates.startNext(snapshot.current(), request, now);
            if (change.isPresent() && change.get().changed()) {
                ExecutionRecord before = change.get().before();
                ExecutionRecord after = change.get().after();
                snapshot.put(after);
                snapshot.add(admission.admit(new UpdateJobExecutionRequest(thing, after.jobId(),
                        JobExecutionStatus.IN_PROGRESS, request.statusDetails(), before.versionNumber(),
                        after.executionNumber(), true, false, request.stepTimeoutInMinutes(),
                        request.clientToken()), after.versionNumber(), now));
            }
            ExecutionRecord started = change.map(ExecutionChange::after).orElse(null);
            return commit(thing, snapshot, now, change.isPresent() && change.get().changed())
                    .thenApply(v -> new StartNextPendingJobExecutionResponse(started == null ? null
                            : ExecutionViews.toJobExecution(started, document(started), now), now,
                            request.clientToken()));
        });
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> update(UpdateJobExecutionRequest request) {
        String thing = request.thingName();
        return lanes.submit(thing, () -> {
            Instant now = clock.instant();
            ThingSnapshot snapshot = ThingSnapshot.of(store.executions(thing), now);
            ExecutionRecord current = snapshot.find(request.jobId(), request.executionNumber())
                    .orElseThrow(() -> notCached(request));
            ExecutionChange change;
            try {
                change = updates.applyUpdate(current, request, now);
            } catch (JobsException refused) {
                // the timers that fired are still the truth, even though the device's update is refused
                return commit(thing, snapshot, now, false).thenCompose(v -> CompletableFuture.failedFuture(refused));
            }
            ExecutionRecord after = change.after();
            snapshot.put(after);
            snapshot.add(admission.admit(new UpdateJobExecutionRequest(thing, request.jobId(), request.status(),
                    request.statusDetails(), request.expectedVersion(), after.executionNumber(),
                    request.includeJobExecutionState(), request.includeJobDocument(),
                    request.stepTimeoutInMinutes(), request.clientToken()), after.versionNumber(), now));
            return commit(thing, snapshot, now, true).thenApply(v -> ExecutionViews.toUpdateResponse(after,
                    request, request.includeJobDocument() ? document(after) : null, now));
        });
    }

    private CompletableFuture<Void> commit(String thing, ThingSnapshot snapshot, Instant now, boolean outboxEntry) {
        snapshot.timedOut().forEach(r -> LOG.info("thing {} job {}: execution {} timed out locally (AWS IoT "
                + "cannot be reached; the cloud does the same at the same instant)", thing, r.jobId(),
                r.executionNumber()));
        return commits.commit(thing, snapshot.before(), snapshot.current(), snapshot.changes(), now)
                .thenRun(() -> {
                    if (outboxEntry) {
                        dirty.markDirty(thing);
                        appended.accept(thing);
                    }
                });
    }

    private String document(ExecutionRecord record) {
        String document = store.document(record.jobId()).map(JobDocumentRecord::document).orElse(null);
        if (document != null) {
            freshness.flagIfStale(record.thingName(), record.jobId(), document);
        }
        return document;
    }

    private void requireKnown(String thing) {
        if (!store.knownThings().contains(thing)) {
            throw CachedReads.unknownThing(thing);
        }
    }

    private JobsException notCached(UpdateJobExecutionRequest request) {
        if (!store.knownThings().contains(request.thingName())) {
            return CachedReads.unknownThing(request.thingName());
        }
        return new JobsException(ErrorCode.ResourceNotFound, "Job execution of job " + request.jobId()
                + " on thing " + request.thingName() + (request.executionNumber() == null ? ""
                        : " with executionNumber " + request.executionNumber()) + " does not exist");
    }
}
