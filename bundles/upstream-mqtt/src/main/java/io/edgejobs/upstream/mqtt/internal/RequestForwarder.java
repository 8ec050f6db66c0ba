package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way of one request from the caller to its publish: refused at once unless CONNECTED, given the connection's
 * clientToken and a deadline, held until its thing's subscription is active (per-thing mode), paced by the
 * {@link TokenBucket}, then handed to the {@link RequestPublisher} on the {@link ConnectionThread}. Callers never
 * block; the stage completes on the events thread.
 *
 * <p>Outcomes: unavailable when it could not be published within half its bound; once published, timed out when
 * no answer came within its bound (the answer itself is matched by the {@link InboundRouter}).
 */
final class RequestForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(RequestForwarder.class);
    /** Units a request takes from the publish bucket: the request and its answer. */
    static final int UNITS_PER_REQUEST = 2;

    private final UpstreamOptions options;
    private final ConnectionStatus status;
    private final ConnectionThread thread;
    private final ClientTokens tokens;
    private final PendingRequests pending;
    private final TokenBucket bucket;
    private final SessionSubscriptions subscriptions;
    private final RequestPublisher publisher;

    RequestForwarder(UpstreamOptions options, ConnectionStatus status, ConnectionThread thread, ClientTokens tokens,
            PendingRequests pending, TokenBucket bucket, SessionSubscriptions subscriptions,
            RequestPublisher publisher) {
        this.options = options;
        this.status = status;
        this.thread = thread;
        this.tokens = tokens;
        this.pending = pending;
        this.bucket = bucket;
        this.subscriptions = subscriptions;
        this.publisher = publisher;
    }

    /** Forwards a request; the stage completes on the events thread. */
    <T> CompletableFuture<T> forward(JobsRequest request, AnswerReader<T> reader) {
        ConnectionState now = status.state();
        if (status.closed() || now != ConnectionState.CONNECTED) {
            return CompletableFuture.failedFuture(new UpstreamUnavailableException("upstream is " + now
                    + "; not sent: " + ForwardedRequest.describeDeviceRequest(request)));
        }
        ForwardedRequest forwarded;
        try {
            forwarded = ForwardedRequest.of(request, tokens.next());
        } catch (IllegalArgumentException e) {
            LOG.info("upstream: not forwarding {}: {}", ForwardedRequest.describeDeviceRequest(request),
                    e.getMessage());
            return CompletableFuture.failedFuture(new JobsException(ErrorCode.InvalidRequest, e.getMessage()));
        }
        long timeoutNanos = options.requestTimeout().toNanos();
        PendingRequest<T> entry = new PendingRequest<>(forwarded, reader, System.nanoTime() + timeoutNanos);
        pending.add(entry);
        try {
            entry.deadlineTimer(thread.schedule(() -> expire(entry), timeoutNanos, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            pending.fail(entry, forwarded.notSent("the connection is closing"));
            return entry.result;
        }
        LOG.debug("upstream: forwarding {}", forwarded.describe());
        if (subscriptions.perThing()) {
            afterThingSubscription(entry);
        } else {
            reserveAndPublish(entry);
        }
        return entry.result;
    }

    private void afterThingSubscription(PendingRequest<?> entry) {
        CompletableFuture<Void> subscribed = subscriptions.placeFor(entry.request.thingName());
        if (subscribed == null) {
            pending.fail(entry, entry.request.notSent("no subscription place left for the thing on this "
                    + "connection (maximum " + options.maxSubscriptions() + ")"));
            return;
        }
        if (subscribed.isDone() && !subscribed.isCompletedExceptionally()) {
            reserveAndPublish(entry);
            return;
        }
        subscriptions.queueFlush();
        subscribed.whenComplete((ok, failure) -> {
            if (failure != null) {
                pending.fail(entry, entry.request.notSent("the subscription for the thing was refused"));
            } else {
                reserveAndPublish(entry);
            }
        });
    }

    private void reserveAndPublish(PendingRequest<?> entry) {
        if (!pending.isPending(entry)) {
            return;
        }
        // At most half the request's bound is spent waiting for a publish slot; the rest is left for the answer.
        long maxWait = entry.deadlineNanos - System.nanoTime() - options.requestTimeout().toNanos() / 2;
        long wait = maxWait < 0 ? -1 : bucket.reserve(UNITS_PER_REQUEST, maxWait);
        if (wait < 0) {
            LOG.warn("upstream: publish rate limit ({}/s, burst {}): no slot in time for {}",
                    options.publishRatePerSecond(), options.publishBurst(), entry.request.describe());
            pending.fail(entry, entry.request.notSent("publish rate limit: no slot within half the request "
                    + "timeout"));
        } else {
            try {
                thread.schedule(() -> publisher.publish(entry), wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                pending.fail(entry, entry.request.notSent("the connection is closing"));
            }
        }
    }

    /** The request's deadline (connection thread). */
    private void expire(PendingRequest<?> entry) {
        if (!entry.sent()) {
            pending.fail(entry, entry.request.notSent("not sent within " + options.requestTimeout().toMillis()
                    + " ms"));
            return;
        }
        if (pending.expire(entry, new UpstreamTimeoutException("no answer from the cloud within "
                + options.requestTimeout().toMillis() + " ms for " + entry.request.describe()
                + "; outcome unknown"))) {
            LOG.warn("upstream: no answer within {} ms for {}; outcome unknown", options.requestTimeout().toMillis(),
                    entry.request.describe());
        }
    }
}
