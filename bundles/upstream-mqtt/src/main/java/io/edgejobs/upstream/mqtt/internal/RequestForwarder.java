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
 * {@link PublishQueue} on the {@link ConnectionThread}, which hands it to the {@link RequestPublisher}. Callers
 * never block; the stage completes on the events thread.
 *
 * <p>Outcomes: unavailable when it could not be published within half its bound; once published, timed out when
 * no answer came within its bound (the answer itself is matched by the {@link InboundRouter}).
 */
final class RequestForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(RequestForwarder.class);
    private final UpstreamOptions options;
    private final ConnectionStatus status;
    private final ConnectionThread thread;
    private final ClientTokens tokens;
    private final PendingRequests pending;
    private final SessionSubscriptions subscriptions;
    private final PublishQueue queue;

    RequestForwarder(UpstreamOptions options, ConnectionStatus status, ConnectionThread thread, ClientTokens tokens,
            PendingRequests pending, SessionSubscriptions subscriptions, PublishQueue queue) {
        this.options = options;
        this.status = status;
        this.thread = thread;
        this.tokens = tokens;
        this.pending = pending;
        this.subscriptions = subscriptions;
        this.queue = queue;
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
            queueForPublish(entry);
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
            queueForPublish(entry);
            return;
        }
        subscriptions.queueFlush();
        subscribed.whenComplete((ok, failure) -> {
            if (failure != null) {
                pending.fail(entry, entry.request.notSent("the subscription for the thing was refused"));
            } else {
                queueForPublish(entry);
            }
        });
    }

    private void queueForPublish(PendingRequest<?> entry) {
        if (pending.isPending(entry)) {
            thread.execute(() -> queue.offer(entry));
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
