package io.edgejobs.engine.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background cache refreshes that could not be sent (the connection's publish budget was spent, or no answer came)
 * are tried again: the whole thing is synced after the re-check delay, then after twice, three times... that delay,
 * at most {@link #MAX_ATTEMPTS} times, one pending retry per thing however many refreshes failed. A burst of
 * notifications (a job created for many things) makes the gateway describe what they announced, and under AWS's
 * 100 messages per second per connection part of those Describes cannot go out in time; without a retry the cache
 * would miss those executions until the next prefetch. While the link is down nothing is retried: the reconnect
 * syncs every known thing anyway.
 */
final class RefreshRetries {

    static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(RefreshRetries.class);

    private final Duration delay;
    private final BiConsumer<Duration, Runnable> later;
    private final BooleanSupplier connected;
    private final Function<String, CompletableFuture<Void>> syncThing;
    /** Things with a retry pending (the attempt number travels with the scheduled retry). */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    RefreshRetries(Duration delay, BiConsumer<Duration, Runnable> later, BooleanSupplier connected,
            Function<String, CompletableFuture<Void>> syncThing) {
        this.delay = Objects.requireNonNull(delay, "delay");
        this.later = Objects.requireNonNull(later, "later");
        this.connected = Objects.requireNonNull(connected, "connected");
        this.syncThing = Objects.requireNonNull(syncThing, "syncThing");
    }

    /** The outcome of a background refresh of the thing: logged; a refresh that could not be sent is retried. */
    void completed(String thing, Throwable error) {
        if (error == null) {
            return;
        }
        CacheRefresher.logFailure(thing, "cache refresh", error);
        if (Failures.isTransient(error) && pending.add(thing)) {
            schedule(thing, 1);
        }
    }

    private void schedule(String thing, int attempt) {
        later.accept(delay.multipliedBy(attempt), () -> retry(thing, attempt));
    }

    private void retry(String thing, int attempt) {
        if (!connected.getAsBoolean()) {
            pending.remove(thing);
            return;
        }
        syncThing.apply(thing).whenComplete((v, error) -> {
            if (error == null || !Failures.isTransient(error)) {
                pending.remove(thing);
                if (error != null) {
                    CacheRefresher.logFailure(thing, "cache refresh (retry " + attempt + ")", error);
                }
            } else if (attempt >= MAX_ATTEMPTS) {
                pending.remove(thing);
                LOG.warn("thing {}: cache refresh still not sent after {} retries ({}); the next prefetch or "
                        + "reconnect syncs it", thing, attempt, Failures.unwrap(error).getMessage());
            } else {
                schedule(thing, attempt + 1);
            }
        });
    }
}
