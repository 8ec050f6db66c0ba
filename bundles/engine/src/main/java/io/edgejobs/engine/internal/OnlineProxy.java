package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online request path: each device request is forwarded to AWS IoT, the answer written through to the cache,
 * and only then the device answered, with its own clientToken.
 *
 * <p>What is forwarded differs from the device's request in two ways, both to fill the cache: DescribeJobExecution
 * always asks for the job document and UpdateJobExecution always asks for the execution state; the device's answer
 * carries them only when it asked. Cloud rejections are relayed with their code, message and executionState; a
 * rejection's executionState updates the cache, and ResourceNotFound removes the execution from it. InvalidJson and
 * InvalidTopic from the cloud can only mean the gateway built a wrong message (the device's own JSON and topic were
 * checked locally), so they reach the device as InternalError.
 *
 * <p>For an execution the cloud ended while the gateway was away, the answers show the version devices were shown
 * instead of the cloud's, and the device's expectedVersion is sent as the cloud's ({@link PresentedVersions}).
 */
final class OnlineProxy {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineProxy.class);

    private final UpstreamAccess upstream;
    private final CacheWriter cache;
    private final PresentedVersions presented;
    private final CacheRefresher refresher;
    private final Executor executor;
    private final Clock clock;

    OnlineProxy(UpstreamAccess upstream, CacheWriter cache, CacheRefresher refresher, Executor executor, Clock clock) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.presented = cache.presentedVersions();
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The list is relayed at once; executions it shows the cache to be missing or stale are described after. */
    CompletableFuture<GetPendingJobExecutionsResponse> getPending(GetPendingJobExecutionsRequest request,
            Duration bound) {
        return upstream.call(u -> u.getPendingJobExecutions(request), bound).handleAsync((answer, error) -> {
            throwIfFailed(error, request.thingName(), "GetPendingJobExecutions");
            refresher.reconcile(request.thingName(), answer, false)
                    .whenComplete((v, e) -> logRefresh(request.thingName(), e));
            return new GetPendingJobExecutionsResponse(answer.inProgressJobs(), answer.queuedJobs(),
                    timestampOf(answer.timestamp()), request.clientToken());
        }, executor);
    }

    CompletableFuture<StartNextPendingJobExecutionResponse> startNext(StartNextPendingJobExecutionRequest request,
            Duration bound) {
        String thing = request.thingName();
        return upstream.call(u -> u.startNextPendingJobExecution(request), bound).handleAsync((answer, error) -> {
            throwIfFailed(error, thing, "StartNextPendingJobExecution");
            Instant at = timestampOf(answer.timestamp());
            StartNextPendingJobExecutionResponse reply = new StartNextPendingJobExecutionResponse(
                    answer.execution(), at, request.clientToken());
            if (answer.execution() == null) {
                // nothing pending in the cloud: whatever the cache holds as pending is stale
                refresher.reconcile(thing, List.of(), true, false).whenComplete((v, e) -> logRefresh(thing, e));
                return CompletableFuture.completedFuture(reply);
            }
            return cache.putExecution(answer.execution(), at).thenApply(v -> reply);
        }, executor).thenCompose(Function.identity());
    }

    CompletableFuture<DescribeJobExecutionResponse> describe(DescribeJobExecutionRequest request, Duration bound) {
        String thing = request.thingName();
        boolean deviceWantsDocument = !Boolean.FALSE.equals(request.includeJobDocument());
        DescribeJobExecutionRequest forwarded = new DescribeJobExecutionRequest(thing, request.jobId(),
                request.executionNumber(), true, request.clientToken());
        return upstream.call(u -> u.describeJobExecution(forwarded), bound).handleAsync((answer, error) -> {
            if (error != null) {
                return onDescribeRejected(request, error);
            }
            Instant at = timestampOf(answer.timestamp());
            JobExecution execution = answer.execution();
            if (execution == null) {
                // $next with nothing pending in the cloud
                refresher.reconcile(thing, List.of(), true, false).whenComplete((v, e) -> logRefresh(thing, e));
                return CompletableFuture.completedFuture(new DescribeJobExecutionResponse(null, at,
                        request.clientToken()));
            }
            return cache.putExecution(execution, at).thenApply(v -> {
                JobExecution shown = presented.present(execution);
                return new DescribeJobExecutionResponse(deviceWantsDocument ? shown : shown.withoutDocument(), at,
                        request.clientToken());
            });
        }, executor).thenCompose(Function.identity());
    }

    CompletableFuture<UpdateJobExecutionResponse> update(UpdateJobExecutionRequest request, Duration bound) {
        UpdateJobExecutionRequest forwarded = presented.toCloud(new UpdateJobExecutionRequest(request.thingName(),
                request.jobId(), request.status(), request.statusDetails(), request.expectedVersion(),
                request.executionNumber(), true, request.includeJobDocument(), request.stepTimeoutInMinutes(),
                request.clientToken()));
        return upstream.call(u -> u.updateJobExecution(forwarded), bound).handleAsync((answer, error) -> {
            if (error != null) {
                return onUpdateRejected(request, error);
            }
            Instant at = timestampOf(answer.timestamp());
            UpdateJobExecutionResponse reply = new UpdateJobExecutionResponse(
                    request.includeJobExecutionState() ? answer.executionState() : null,
                    request.includeJobDocument() ? answer.jobDocument() : null, at, request.clientToken());
            CompletableFuture<Boolean> cached = answer.executionState() == null
                    ? CompletableFuture.completedFuture(false)
                    : cache.putState(request.thingName(), request.jobId(), request.executionNumber(),
                            answer.executionState(), true, at, request.stepTimeoutInMinutes());
            CompletableFuture<Void> document = answer.jobDocument() == null
                    ? CompletableFuture.completedFuture(null)
                    : cache.putDocument(request.thingName(), request.jobId(), answer.jobDocument(), at);
            return cached.thenCombine(document, (exact, v) -> {
                if (!exact) {
                    describeLater(request.thingName(), request.jobId(), request.executionNumber());
                }
                return reply;
            });
        }, executor).thenCompose(Function.identity());
    }

    private CompletableFuture<DescribeJobExecutionResponse> onDescribeRejected(DescribeJobExecutionRequest request,
            Throwable error) {
        JobsException rejection = relayable(error, request.thingName(), "DescribeJobExecution");
        if (rejection.code() == ErrorCode.ResourceNotFound && !request.isNext()) {
            return cache.forget(request.thingName(), request.jobId(), request.executionNumber())
                    .thenCompose(v -> CompletableFuture.failedFuture(rejection));
        }
        return CompletableFuture.failedFuture(rejection);
    }

    private CompletableFuture<UpdateJobExecutionResponse> onUpdateRejected(UpdateJobExecutionRequest request,
            Throwable error) {
        JobsException rejection = relayable(error, request.thingName(), "UpdateJobExecution");
        String thing = request.thingName();
        if (rejection.executionState() != null) {
            return cache.putState(thing, request.jobId(), request.executionNumber(), rejection.executionState(),
                    false, clock.instant(), null).thenCompose(exact -> {
                        if (!exact) {
                            describeLater(thing, request.jobId(), request.executionNumber());
                        }
                        return CompletableFuture.failedFuture(presented.rejection(request, rejection));
                    });
        }
        if (rejection.code() == ErrorCode.ResourceNotFound) {
            return cache.forget(thing, request.jobId(), request.executionNumber())
                    .thenCompose(v -> CompletableFuture.failedFuture(rejection));
        }
        return CompletableFuture.failedFuture(rejection);
    }

    private void describeLater(String thing, String jobId, Long executionNumber) {
        refresher.describe(thing, new CacheRefresher.Target(jobId, executionNumber, false))
                .whenComplete((v, e) -> logRefresh(thing, e));
    }

    /** Rethrows a failure as is, unless it is a cloud rejection the device must see differently. */
    private static void throwIfFailed(Throwable error, String thing, String operation) {
        if (error != null) {
            Throwable cause = Failures.unwrap(error);
            if (cause instanceof JobsException) {
                throw relayable(cause, thing, operation);
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    /**
     * The cloud's rejection as the device should see it; any failure that is not a rejection is rethrown (the
     * request path tells timeouts from unavailability).
     */
    private static JobsException relayable(Throwable error, String thing, String operation) {
        Throwable cause = Failures.unwrap(error);
        if (!(cause instanceof JobsException e)) {
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
        if (e.code() == ErrorCode.InvalidJson || e.code() == ErrorCode.InvalidTopic) {
            LOG.error("thing {}: AWS IoT refused the gateway's {} message: {} {}", thing, operation, e.code(),
                    e.getMessage());
            return new JobsException(ErrorCode.InternalError, "AWS IoT refused the gateway's forwarded "
                    + operation + " (" + e.code() + ": " + e.getMessage() + ")");
        }
        return e;
    }

    private Instant timestampOf(Instant answered) {
        return answered == null ? clock.instant() : answered;
    }

    private static void logRefresh(String thing, Throwable error) {
        if (error != null) {
            CacheRefresher.logFailure(thing, "cache refresh", error);
        }
    }
}
