package io.edgejobs.emulator.internal.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves IN_PROGRESS executions whose step or in-progress timer fired to TIMED_OUT (with the retry the job's
 * configuration asks for, and the notifications that follow), on each thing's lane. It wakes at the earliest
 * deadline (at most every {@code maxSleep} of real time) and immediately when the emulated clock is advanced or
 * rescaled.
 */
public final class TimeoutSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimeoutSweeper.class);

    private final JobsCloud cloud;
    private final Duration maxSleep;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentHashMap<ExecutionKey, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Runnable onClockChange = this::sweepSoon;
    private volatile boolean closed;
    private ScheduledFuture<?> next;

    public TimeoutSweeper(JobsCloud cloud, Duration maxSleep) {
        this.cloud = cloud;
        this.maxSleep = maxSleep;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emulator-timeouts");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        cloud.clock().onChange(onClockChange);
        sweepSoon();
    }

    /** Sweeps as soon as possible (after an advance of the clock, a restart, a new timer). */
    public void sweepSoon() {
        reschedule(0);
    }

    /**
     * Times out every execution due by now and completes when they are done (used after the clock was advanced,
     * so that the caller sees the result).
     */
    public CompletableFuture<Void> sweepNow() {
        CompletableFuture<CompletableFuture<Void>> swept = new CompletableFuture<>();
        try {
            scheduler.execute(() -> swept.complete(sweep()));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
        return swept.thenCompose(f -> f);
    }

    /** Hands every due execution to its thing's lane; the result completes when all of them are done. */
    private CompletableFuture<Void> sweep() {
        List<CompletableFuture<Void>> work = new ArrayList<>();
        try {
            Instant now = cloud.now();
            for (ExecutionKey key : cloud.deadlines().due(now)) {
                work.add(inFlight.computeIfAbsent(key, k -> cloud.onLane(k.thingName(), () -> timeOut(k))
                        .whenComplete((r, e) -> {
                            inFlight.remove(k);
                            if (e != null) {
                                LOG.error("thing {} job {}: timing out execution {} failed", k.thingName(),
                                        k.jobId(), k.executionNumber(), e);
                            }
                        })));
            }
        } catch (RuntimeException e) {
            LOG.error("timeout sweep failed", e);
        } finally {
            scheduleNext();
        }
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).exceptionally(e -> null);
    }

    private Void timeOut(ExecutionKey key) {
        if (cloud.existingThing(key.thingName()).flatMap(t -> t.get(key.jobId(), key.executionNumber())).isEmpty()) {
            cloud.deadlines().forget(key);
            return null;
        }
        DueTimeouts.apply(cloud, key.thingName(), cloud.now());
        return null;
    }

    private void scheduleNext() {
        Duration sleep = cloud.deadlines().earliest()
                .map(at -> cloud.clock().realTimeUntil(at))
                .filter(d -> d.compareTo(maxSleep) < 0)
                .orElse(maxSleep);
        reschedule(Math.max(5, sleep.toMillis() + 1));
    }

    /** Keeps exactly one pending sweep, due in {@code millis} of real time. */
    private synchronized void reschedule(long millis) {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = scheduler.schedule(() -> {
                sweep();
            }, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("timeout sweeper closed");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        cloud.clock().removeListener(onClockChange);
        scheduler.shutdownNow();
    }
}
