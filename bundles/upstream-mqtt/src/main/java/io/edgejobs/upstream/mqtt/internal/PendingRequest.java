package io.edgejobs.upstream.mqtt.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A forwarded request waiting for its answer. It is removed from the pending table exactly once, by whoever
 * settles it first (answer, deadline, link loss, close); {@link #sent} decides between "unavailable" (never
 * published: the cloud has not seen it) and "timed out" (published: outcome unknown).
 *
 * @param <T> the response record
 */
final class PendingRequest<T> {
    final ForwardedRequest request;
    final AnswerReader<T> reader;
    final CompletableFuture<T> result = new CompletableFuture<>();
    final long deadlineNanos;
    private volatile boolean sent;
    private volatile ScheduledFuture<?> deadlineTimer;

    PendingRequest(ForwardedRequest request, AnswerReader<T> reader, long deadlineNanos) {
        this.request = request;
        this.reader = reader;
        this.deadlineNanos = deadlineNanos;
    }

    boolean sent() {
        return sent;
    }

    /** Marks the request as handed to the MQTT client, from here on its outcome is unknown until answered. */
    void markSent() {
        sent = true;
    }

    void deadlineTimer(ScheduledFuture<?> timer) {
        this.deadlineTimer = timer;
    }

    void cancelDeadline() {
        ScheduledFuture<?> timer = deadlineTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
