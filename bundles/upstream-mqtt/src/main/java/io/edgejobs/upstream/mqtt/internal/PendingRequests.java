package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.upstream.UpstreamTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The forwarded requests waiting for an answer, by the connection's clientToken. Each entry is settled once:
 * {@link #take} or {@link #fail} removes it, and only the caller that removed it completes it. Failures are
 * completed on the events thread, like answers.
 */
final class PendingRequests {
    private final Map<String, PendingRequest<?>> byToken = new ConcurrentHashMap<>();
    private final ExpiredRequests expired = new ExpiredRequests(1024);
    private final UpstreamEvents events;

    PendingRequests(UpstreamEvents events) {
        this.events = events;
    }

    void add(PendingRequest<?> request) {
        byToken.put(request.request.upstreamToken(), request);
    }

    PendingRequest<?> get(String upstreamToken) {
        return upstreamToken == null ? null : byToken.get(upstreamToken);
    }

    boolean isPending(PendingRequest<?> request) {
        return byToken.get(request.request.upstreamToken()) == request;
    }

    /** Removes the entry for the caller to complete; false when someone else settled it first. */
    boolean take(PendingRequest<?> request) {
        if (byToken.remove(request.request.upstreamToken(), request)) {
            request.cancelDeadline();
            return true;
        }
        return false;
    }

    /** Removes the entry and fails it; false when it was already settled. */
    boolean fail(PendingRequest<?> request, RuntimeException failure) {
        if (!take(request)) {
            return false;
        }
        if (!events.execute(() -> request.result.completeExceptionally(failure))) {
            // the component is gone: complete here rather than leave the caller hanging
            request.result.completeExceptionally(failure);
        }
        return true;
    }

    /** Fails it as timed out and remembers it, so that a late answer can be recognised. */
    boolean expire(PendingRequest<?> request, RuntimeException failure) {
        if (!fail(request, failure)) {
            return false;
        }
        expired.remember(request.request.upstreamToken(), request.request.describe());
        return true;
    }

    /** Fails every entry, each with the failure the function picks for it; returns how many. */
    int failAll(Function<PendingRequest<?>, RuntimeException> failure) {
        int count = 0;
        for (PendingRequest<?> request : List.copyOf(byToken.values())) {
            if (fail(request, failure.apply(request))) {
                count++;
            }
        }
        return count;
    }

    /**
     * Fails every entry because of the connection ({@code why}): published ones as timed out (outcome unknown),
     * the others as unavailable; returns how many.
     */
    int failInFlight(String why) {
        return failAll(entry -> entry.sent()
                ? new UpstreamTimeoutException(why + " while waiting for the answer to " + entry.request.describe()
                        + "; outcome unknown")
                : entry.request.notSent(why));
    }

    /** The description of a request that expired under this token (once), or null. */
    String expiredRequest(String upstreamToken) {
        return expired.forget(upstreamToken);
    }

    int size() {
        return byToken.size();
    }
}
