package io.edgejobs.engine.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the caches of the known things warm: asks the upstream connection to watch their notifications and
 * prefetches them at every connect, when a thing is seen for the first time and periodically.
 */
final class ThingWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ThingWatch.class);

    private final KnownThings things = new KnownThings();
    private final UpstreamAccess upstream;
    private final Prefetcher prefetcher;
    private final ScheduledExecutorService timer;
    private final Consumer<Runnable> onWorker;
    private ScheduledFuture<?> periodic; // guarded by this

    /**
     * @param stored things whose cache was filled in an earlier run
     * @param onWorker runs a task on the engine's worker pool
     */
    ThingWatch(UpstreamAccess upstream, Prefetcher prefetcher, ScheduledExecutorService timer,
            Consumer<Runnable> onWorker, Set<String> configured, Set<String> stored) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.prefetcher = Objects.requireNonNull(prefetcher, "prefetcher");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.onWorker = Objects.requireNonNull(onWorker, "onWorker");
        things.configure(configured);
        things.addStored(stored);
    }

    /** New configured things are watched and prefetched at once. */
    void configure(Set<String> configured) {
        Set<String> before = things.all();
        things.configure(configured);
        if (!things.all().equals(before)) {
            onWorker.accept(this::watchAndPrefetchAll);
        }
    }

    /** (Re)starts the periodic prefetch; zero stops it. */
    synchronized void schedule(Duration interval) {
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
        long seconds = interval.toSeconds();
        if (seconds > 0) {
            periodic = timer.scheduleWithFixedDelay(() -> onWorker.accept(this::watchAndPrefetchAll), seconds,
                    seconds, TimeUnit.SECONDS);
        }
    }

    /** A transport reported a device of the thing. */
    void seen(String thing) {
        if (things.add(thing)) {
            LOG.info("thing {} seen for the first time: watching it upstream and prefetching its jobs", thing);
            onWorker.accept(() -> {
                watch();
                prefetcher.request(thing);
            });
        }
    }

    /** Every known thing, sorted. */
    Set<String> things() {
        return things.all();
    }

    /** Connected: watch every known thing and prefetch them all. Runs on a worker. */
    void watchAndPrefetchAll() {
        watch();
        prefetcher.requestAll(things.all());
    }

    private void watch() {
        upstream.current().ifPresent(c -> {
            Set<String> all = things.all();
            try {
                c.watchThings(all);
            } catch (RuntimeException e) {
                LOG.error("upstream refused to watch {} things", all.size(), e);
            }
        });
    }
}
