package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.ExecutionChange;
import io.edgejobs.api.jobs.ServiceTransitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    private final Set<ExecutionKey> inFlight = ConcurrentHashMap.newKeySet();
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

    private void sweep() {
        try {
            Instant now = cloud.now();
            List<ExecutionKey> due = cloud.deadlines().due(now);
            for (ExecutionKey key : due) {
                if (inFlight.add(key)) {
                    cloud.onLane(key.thingName(), () -> timeOut(key))
                            .whenComplete((r, e) -> {
                                inFlight.remove(key);
                                if (e != null) {
                                    LOG.error("thing {} job {}: timing out execution {} failed", key.thingName(),
                                            key.jobId(), key.executionNumber(), e);
                                }
                            });
                }
            }
        } catch (RuntimeException e) {
            LOG.error("timeout sweep failed", e);
        } finally {
            scheduleNext();
        }
    }

    private Void timeOut(ExecutionKey key) {
        Instant now = cloud.now();
        ThingChange change = cloud.change(key.thingName());
        Optional<CloudExecution> current = change.thing().get(key.jobId(), key.executionNumber());
        if (current.isEmpty()) {
            cloud.deadlines().forget(key);
            return null;
        }
        Optional<ExecutionChange> timedOut = ServiceTransitions.timeOutIfExpired(current.get().record(), now);
        if (timedOut.isEmpty()) {
            cloud.deadlines().track(current.get().record());
            return null;
        }
        change.putWithRetry(current.get().withRecord(timedOut.get().after(), current.get().forceCanceled()), now)
                .commit(now);
        LOG.info("thing {} job {}: execution {} TIMED_OUT (timer due {})", key.thingName(), key.jobId(),
                key.executionNumber(), timedOut.get().after().lastUpdatedAt());
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
            next = scheduler.schedule(this::sweep, millis, TimeUnit.MILLISECONDS);
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
