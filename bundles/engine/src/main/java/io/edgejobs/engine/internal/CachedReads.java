package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ExecutionViews;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.PendingJobs;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * GetPendingJobExecutions and DescribeJobExecution answered from the cache, with the same rules the cloud applies
 * (queue order, the 10-entry cap, {@code $next}, the latest execution when no executionNumber is given, the
 * document unless {@code includeJobDocument} is false, approximateSecondsBeforeTimedOut from the cached timers).
 *
 * <p>The cache is trusted only for things it was filled for ({@link JobStore#knownThings()}: written after the
 * first complete sync with AWS IoT), or for an execution it holds. A thing the gateway never synced is answered
 * ResourceNotFound, as the offline issue asks ("requests the cache cannot answer → ResourceNotFound"): the
 * gateway does not know it, and never guesses an empty list. A cached execution whose document is missing is
 * InternalError (the execution exists; the answer would be incomplete).
 *
 * <p>A document whose presigned URLs expired (or with an unexpanded placeholder) is served as it is, and flagged
 * ({@link DocumentFreshness}): the device decides what to do with it.
 */
final class CachedReads {

    private final JobStore store;
    private final Clock clock;
    private final DocumentFreshness freshness;

    CachedReads(JobStore store, Clock clock, DocumentFreshness freshness) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    GetPendingJobExecutionsResponse getPending(GetPendingJobExecutionsRequest request) {
        requireFilled(request.thingName());
        return PendingJobs.getPending(store.pendingExecutions(request.thingName()), clock.instant(),
                request.clientToken());
    }

    DescribeJobExecutionResponse describe(DescribeJobExecutionRequest request) {
        String thing = request.thingName();
        Instant now = clock.instant();
        Optional<ExecutionRecord> found;
        if (request.isNext()) {
            requireFilled(thing);
            List<ExecutionRecord> pending = store.pendingExecutions(thing);
            if (pending.isEmpty()) {
                return new DescribeJobExecutionResponse(null, now, request.clientToken());
            }
            found = Optional.of(pending.get(0));
        } else {
            found = request.executionNumber() == null
                    ? store.latestExecution(thing, request.jobId())
                    : store.execution(thing, request.jobId(), request.executionNumber());
        }
        if (found.isEmpty()) {
            requireFilled(thing);
            throw new JobsException(ErrorCode.ResourceNotFound, "Job execution of job " + request.jobId()
                    + " on thing " + thing + (request.executionNumber() == null ? ""
                            : " with executionNumber " + request.executionNumber()) + " does not exist");
        }
        ExecutionRecord record = found.get();
        String document = null;
        if (!Boolean.FALSE.equals(request.includeJobDocument())) {
            document = store.document(record.jobId()).map(JobDocumentRecord::document).orElseThrow(() ->
                    unreachable("the job document of " + record.jobId() + " is not cached"));
            freshness.flagIfStale(thing, record.jobId(), document);
        }
        return new DescribeJobExecutionResponse(ExecutionViews.toJobExecution(record, document, now), now,
                request.clientToken());
    }

    private void requireFilled(String thing) {
        if (!store.knownThings().contains(thing)) {
            throw unknownThing(thing);
        }
    }

    /** The answer for a thing the gateway never synced with AWS IoT, while AWS IoT cannot be reached. */
    static JobsException unknownThing(String thing) {
        return new JobsException(ErrorCode.ResourceNotFound, "Thing " + thing + " is not known to this gateway"
                + " (AWS IoT cannot be reached and nothing is cached for it yet)");
    }

    private static JobsException unreachable(String why) {
        return new JobsException(ErrorCode.InternalError, "AWS IoT cannot be reached and " + why
                + "; retry later");
    }
}
