package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for the cloud connection in unit tests of the engine: each operation answers through a replaceable
 * function, every request is recorded, and the state is settable. By default it is unavailable (not connected).
 */
final class ScriptedUpstream implements UpstreamConnection {

    final List<JobsRequest> received = new CopyOnWriteArrayList<>();
    final List<Set<String>> watched = new CopyOnWriteArrayList<>();
    volatile ConnectionState state = ConnectionState.DISCONNECTED;
    volatile Function<GetPendingJobExecutionsRequest, CompletionStage<GetPendingJobExecutionsResponse>> getPending =
            r -> unavailable();
    volatile Function<StartNextPendingJobExecutionRequest, CompletionStage<StartNextPendingJobExecutionResponse>>
            startNext = r -> unavailable();
    volatile Function<DescribeJobExecutionRequest, CompletionStage<DescribeJobExecutionResponse>> describe =
            r -> unavailable();
    volatile Function<UpdateJobExecutionRequest, CompletionStage<UpdateJobExecutionResponse>> update =
            r -> unavailable();

    static <T> CompletionStage<T> unavailable() {
        return CompletableFuture.failedFuture(new UpstreamUnavailableException("not connected"));
    }

    /** A stage that never completes: the cloud got the request and never answers. */
    static <T> CompletionStage<T> silence() {
        return new CompletableFuture<>();
    }

    @SuppressWarnings("unchecked")
    <T extends JobsRequest> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(r -> (T) r).toList();
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public void watchThings(Collection<String> thingNames) {
        watched.add(Set.copyOf(thingNames));
    }

    @Override
    public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
            GetPendingJobExecutionsRequest request) {
        received.add(request);
        return getPending.apply(request);
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request) {
        received.add(request);
        return startNext.apply(request);
    }

    @Override
    public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
        received.add(request);
        return describe.apply(request);
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
        received.add(request);
        return update.apply(request);
    }
}
