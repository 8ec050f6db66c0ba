package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where each device request is answered: forwarded to AWS IoT ({@link OnlineProxy}) on its thing's request lane,
 * or answered locally ({@link OfflineDataPlane}) when the cloud cannot be reached or when the thing is dirty (it
 * has outbox entries: the cloud does not know yet what the thing's devices were told, so its answers would
 * contradict them; the thing is answered locally until the replay has emptied its outbox), or while one of its
 * executions timed out locally and the cloud has not confirmed it yet ({@link AwaitedTimeouts}). A Describe of a dirty
 * thing answered locally while AWS IoT is reachable (and a StartNext, and an Update asking for the document) first
 * fetches the job document again when its presigned URLs expire soon ({@link CacheRefresher#refreshDocumentIfDue}).
 */
final class DeviceRequests implements JobsDataPlane {

    private final RequestPath path;
    private final OnlineProxy online;
    private final OfflineDataPlane local;
    private final CacheRefresher refresher;
    private final DirtyThings dirty;
    private final AwaitedTimeouts awaited;
    private final Consumer<Supplier<CompletableFuture<Void>>> recheckLater;

    /**
     * @param recheckLater runs a re-check of what a timed-out request may have changed, after the configured delay
     */
    DeviceRequests(RequestPath path, OnlineProxy online, OfflineDataPlane local, CacheRefresher refresher,
            DirtyThings dirty, AwaitedTimeouts awaited, Consumer<Supplier<CompletableFuture<Void>>> recheckLater) {
        this.path = Objects.requireNonNull(path, "path");
        this.online = Objects.requireNonNull(online, "online");
        this.local = Objects.requireNonNull(local, "local");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.dirty = Objects.requireNonNull(dirty, "dirty");
        this.awaited = Objects.requireNonNull(awaited, "awaited");
        this.recheckLater = Objects.requireNonNull(recheckLater, "recheckLater");
    }

    /** Dirty, or holding a local timeout the cloud has not confirmed yet ({@link AwaitedTimeouts}). */
    private boolean answeredLocally(String thing) {
        return dirty.isDirty(thing) || awaited.holds(thing);
    }

    @Override
    public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
            GetPendingJobExecutionsRequest request) {
        String thing = request.thingName();
        return path.handle(request, left -> answeredLocally(thing) ? local.getPendingJobExecutions(request)
                : online.getPending(request, left), () -> local.getPendingJobExecutions(request), () -> { });
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request) {
        String thing = request.thingName();
        return path.handle(request, left -> answeredLocally(thing)
                ? refresher.refreshDocumentIfDue(thing, DescribeJobExecutionRequest.NEXT)
                        .thenCompose(v -> local.startNextPendingJobExecution(request))
                : online.startNext(request, left), () -> local.startNextPendingJobExecution(request),
                () -> recheckLater.accept(() -> refresher.syncThing(thing)));
    }

    @Override
    public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
        String thing = request.thingName();
        return path.handle(request, left -> answeredLocally(thing) ? freshLocalDescribe(request)
                : online.describe(request, left), () -> local.describeJobExecution(request), () -> { });
    }

    /** Answered from the cache while AWS IoT is reachable: never with a document whose presigned URLs expired. */
    private CompletionStage<DescribeJobExecutionResponse> freshLocalDescribe(DescribeJobExecutionRequest request) {
        if (Boolean.FALSE.equals(request.includeJobDocument())) {
            return local.describeJobExecution(request);
        }
        return refresher.refreshDocumentIfDue(request.thingName(), request.jobId())
                .thenCompose(v -> local.describeJobExecution(request));
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
        String thing = request.thingName();
        CacheRefresher.Target target = new CacheRefresher.Target(request.jobId(), request.executionNumber(), false);
        return path.handle(request, left -> !answeredLocally(thing) ? online.update(request, left)
                : request.includeJobDocument() ? refresher.refreshDocumentIfDue(thing, request.jobId())
                        .thenCompose(v -> local.updateJobExecution(request))
                : local.updateJobExecution(request), () -> local.updateJobExecution(request),
                () -> recheckLater.accept(() -> refresher.describe(thing, target)));
    }
}
