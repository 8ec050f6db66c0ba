package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way every device request travels: queued on its thing's lane (requests of one thing in arrival order, things
 * in parallel), forwarded online within what is left of the time bound, and, depending on how the cloud failed:
 * <ul>
 * <li>{@link UpstreamUnavailableException} (not sent): answered by the offline data plane;</li>
 * <li>{@link UpstreamTimeoutException} (sent, outcome unknown): InternalError, and the caller's re-check runs;</li>
 * <li>a {@link JobsException}: relayed as it is.</li>
 * </ul>
 * A request still waiting on its lane when the bound expires is not sent at all: RequestThrottled.
 */
final class RequestPath {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPath.class);

    private final ThingLanes lanes;
    private final Clock clock;
    private volatile Duration bound;

    RequestPath(ThingLanes lanes, Clock clock, Duration bound) {
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bound = Objects.requireNonNull(bound, "bound");
    }

    void setBound(Duration newBound) {
        bound = Objects.requireNonNull(newBound, "newBound");
    }

    /**
     * @param online forwards the request, given the time left
     * @param offline answers without the cloud
     * @param afterTimeout what to re-check when the cloud did not answer in time
     */
    <T> CompletableFuture<T> handle(JobsRequest request, Function<Duration, CompletionStage<T>> online,
            Supplier<CompletionStage<T>> offline, Runnable afterTimeout) {
        Duration limit = bound;
        Instant deadline = clock.instant().plus(limit);
        return lanes.submit(request.thingName(), () -> {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                LOG.warn("thing {}: {} waited {} ms behind earlier requests of the thing; not sent",
                        request.thingName(), request.getClass().getSimpleName(), limit.toMillis());
                return CompletableFuture.failedFuture(new JobsException(ErrorCode.RequestThrottled,
                        "The gateway could not forward the request within " + limit.toMillis()
                                + " ms (earlier requests of this thing are still waiting for AWS IoT);"
                                + " it was not sent, retry later"));
            }
            return online.apply(left).handle((answer, error) -> {
                if (error == null) {
                    return CompletableFuture.completedFuture(answer);
                }
                Throwable cause = Failures.unwrap(error);
                if (cause instanceof UpstreamUnavailableException) {
                    LOG.debug("thing {}: upstream unavailable ({}), answering from the cache", request.thingName(),
                            cause.getMessage());
                    return offline.get();
                }
                if (cause instanceof UpstreamTimeoutException) {
                    LOG.warn("thing {}: {} sent to AWS IoT but not answered within {} ms; outcome unknown",
                            request.thingName(), request.getClass().getSimpleName(), limit.toMillis());
                    afterTimeout.run();
                    return CompletableFuture.<T>failedFuture(new JobsException(ErrorCode.InternalError,
                            "AWS IoT did not answer within " + limit.toMillis() + " ms; the request may or may"
                                    + " not have been applied"));
                }
                return CompletableFuture.<T>failedFuture(cause);
            }).thenCompose(Function.identity());
        });
    }
}
