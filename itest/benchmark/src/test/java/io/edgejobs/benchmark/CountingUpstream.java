package io.edgejobs.benchmark;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The real upstream connection as the engine sees it, with every request the engine sends to the cloud counted and
 * timed (from the engine's call to the answer, so the connection's publish pacing is included): shows how many
 * cloud requests a device request costs and how long they take.
 */
final class CountingUpstream implements UpstreamConnection {

    private final UpstreamConnection delegate;
    /** The running scenario's, or null between scenarios (not counted). */
    private volatile Recorder recorder;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastActivityNanos = System.nanoTime();

    CountingUpstream(UpstreamConnection delegate) {
        this.delegate = delegate;
    }

    /** From now on, requests sent are recorded here; null: not recorded. */
    void recordInto(Recorder next) {
        recorder = next;
    }

    /** True when no request is in flight and none was sent or answered for this long. */
    boolean quietFor(Duration idle) {
        return inFlight.get() == 0 && System.nanoTime() - lastActivityNanos >= idle.toNanos();
    }

    @Override
    public ConnectionState state() {
        return delegate.state();
    }

    @Override
    public void watchThings(Collection<String> thingNames) {
        delegate.watchThings(thingNames);
    }

    @Override
    public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
            GetPendingJobExecutionsRequest request) {
        return timed("cloud GetPending", () -> delegate.getPendingJobExecutions(request));
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request) {
        return timed("cloud StartNext", () -> delegate.startNextPendingJobExecution(request));
    }

    @Override
    public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
        return timed("cloud Describe", () -> delegate.describeJobExecution(request));
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
        return timed("cloud Update", () -> delegate.updateJobExecution(request));
    }

    private <T> CompletionStage<T> timed(String operation, Supplier<CompletionStage<T>> call) {
        Recorder target = recorder;
        long sent = System.nanoTime();
        lastActivityNanos = sent;
        inFlight.incrementAndGet();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        stage.whenComplete((answer, error) -> {
            inFlight.decrementAndGet();
            lastActivityNanos = System.nanoTime();
            if (target == null) {
                return;
            }
            if (error == null) {
                target.answered(operation, System.nanoTime() - sent);
            } else {
                // the cloud's rejections (VersionMismatch, throttling) and timeouts alike: counted, not hidden
                target.failed(operation, error.toString());
            }
        });
        return stage;
    }
}
