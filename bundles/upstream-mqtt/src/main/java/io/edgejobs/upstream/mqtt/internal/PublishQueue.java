package io.edgejobs.upstream.mqtt.internal;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests waiting for publish units, served in arrival order on the {@link ConnectionThread} only. A request is
 * handed to the {@link RequestPublisher} when the {@link TokenBucket} has its units <i>at that moment</i>, so that
 * the notifications charged meanwhile push the waiting requests back. A request that cannot be published within
 * half its bound fails as unavailable and is never sent: refused at once when the queue ahead of it already needs
 * longer, or dropped when its half-bound passes while it waits.
 */
final class PublishQueue {
    private static final Logger LOG = LoggerFactory.getLogger(PublishQueue.class);
    /** Units a request takes from the publish bucket: the request and its answer. */
    static final int UNITS_PER_REQUEST = 2;

    private final UpstreamOptions options;
    private final TokenBucket bucket;
    private final ConnectionThread thread;
    private final PendingRequests pending;
    private final RequestPublisher publisher;
    private final ArrayDeque<PendingRequest<?>> waiting = new ArrayDeque<>();
    private ScheduledFuture<?> wakeUp;

    PublishQueue(UpstreamOptions options, TokenBucket bucket, ConnectionThread thread, PendingRequests pending,
            RequestPublisher publisher) {
        this.options = options;
        this.bucket = bucket;
        this.thread = thread;
        this.pending = pending;
        this.publisher = publisher;
    }

    /** Queues the request behind the ones already waiting, or fails it when its turn would come too late. */
    void offer(PendingRequest<?> entry) {
        if (!pending.isPending(entry)) {
            return;
        }
        long maxWait = lastPublishNanos(entry) - System.nanoTime();
        long wait = bucket.nanosUntilAllTaken(UNITS_PER_REQUEST * (waiting.size() + 1));
        if (maxWait < 0 || wait > maxWait) {
            noSlot(entry);
            return;
        }
        waiting.add(entry);
        drain();
    }

    private void drain() {
        while (!waiting.isEmpty()) {
            PendingRequest<?> head = waiting.peek();
            if (!pending.isPending(head)) {
                waiting.poll(); // settled meanwhile (link loss, close)
            } else if (System.nanoTime() > lastPublishNanos(head)) {
                waiting.poll();
                noSlot(head);
            } else if (bucket.take(UNITS_PER_REQUEST)) {
                waiting.poll();
                publisher.publish(head);
            } else {
                // when its units are there, or when its half-bound has passed (then it fails as unavailable)
                long halfBoundPassed = lastPublishNanos(head) - System.nanoTime() + 1;
                wakeUpIn(Math.min(bucket.nanosUntil(UNITS_PER_REQUEST), halfBoundPassed));
                return;
            }
        }
    }

    private void wakeUpIn(long nanos) {
        if (wakeUp != null) {
            return; // one is due no later than needed: units only get scarcer by charges
        }
        try {
            wakeUp = thread.schedule(() -> {
                wakeUp = null;
                drain();
            }, Math.max(1, nanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            PendingRequest<?> entry;
            while ((entry = waiting.poll()) != null) {
                pending.fail(entry, entry.request.notSent("the connection is closing"));
            }
        }
    }

    /** At most half the request's bound is spent waiting for a publish slot; the rest is left for the answer. */
    private long lastPublishNanos(PendingRequest<?> entry) {
        return entry.deadlineNanos - options.requestTimeout().toNanos() / 2;
    }

    private void noSlot(PendingRequest<?> entry) {
        LOG.warn("upstream: publish rate limit ({}/s, burst {}): no slot in time for {}",
                options.publishRatePerSecond(), options.publishBurst(), entry.request.describe());
        pending.fail(entry, entry.request.notSent("publish rate limit: no slot within half the request timeout"));
    }
}
