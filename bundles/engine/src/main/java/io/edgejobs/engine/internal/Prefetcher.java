package io.edgejobs.engine.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the caches of things before an outage needs them: a queue of things to sync, each at most once in the
 * queue, at most {@code concurrency} syncs at a time. A thing asked for while its sync runs is synced once more
 * afterwards (something changed that the running sync may have missed). Things queued while the cloud is not
 * connected are dropped: the next connect syncs every known thing anyway.
 */
final class Prefetcher {

    private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);

    private final Function<String, CompletableFuture<Void>> sync;
    private final BooleanSupplier connected;
    private final Object lock = new Object();
    private final Deque<String> queue = new ArrayDeque<>();
    private final Set<String> queuedOrRunning = new LinkedHashSet<>();
    private final Set<String> again = new LinkedHashSet<>();
    private int running;
    private volatile int concurrency;

    Prefetcher(Function<String, CompletableFuture<Void>> sync, BooleanSupplier connected, int concurrency) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.connected = Objects.requireNonNull(connected, "connected");
        this.concurrency = concurrency;
    }

    void setConcurrency(int newConcurrency) {
        concurrency = newConcurrency;
        drain();
    }

    void request(String thing) {
        requestAll(Set.of(thing));
    }

    void requestAll(Collection<String> things) {
        if (!connected.getAsBoolean()) {
            LOG.debug("not connected upstream; prefetch of {} things left to the next connect", things.size());
            return;
        }
        synchronized (lock) {
            for (String thing : things) {
                if (queuedOrRunning.add(thing)) {
                    queue.add(thing);
                } else if (!queue.contains(thing)) {
                    again.add(thing);
                }
            }
        }
        drain();
    }

    /** Things queued or syncing (tests, diagnostics). */
    int pending() {
        synchronized (lock) {
            return queuedOrRunning.size();
        }
    }

    private void drain() {
        while (true) {
            String next;
            synchronized (lock) {
                if (running >= concurrency || queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                running++;
            }
            CompletableFuture<Void> done;
            try {
                done = sync.apply(next);
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            done.whenComplete((v, error) -> finished(next));
        }
    }

    private void finished(String thing) {
        synchronized (lock) {
            running--;
            if (again.remove(thing) && connected.getAsBoolean()) {
                queue.add(thing);
            } else {
                queuedOrRunning.remove(thing);
            }
        }
        drain();
    }
}
