package io.edgejobs.engine.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces the replay: at most {@code ratePerSecond} updates per second over all things (evenly spaced, so the
 * devices' own requests keep their share of the connection and of the account's write rate), and a common pause
 * after the cloud throttled or failed: jittered exponential (full jitter in [bound/2, bound]), the bound doubling
 * from {@code initialBackoff} up to {@code maxBackoff}, reset by the next success. Nothing blocks: a permit is a
 * stage completed on the timer.
 */
final class ReplayPacer {

    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private long nextSlotNanos; // guarded by this
    private long pausedUntilNanos; // guarded by this
    private int failures; // guarded by this
    private volatile long intervalNanos;
    private volatile Duration initialBackoff;
    private volatile Duration maxBackoff;

    ReplayPacer(ScheduledExecutorService timer, int ratePerSecond, Duration initialBackoff, Duration maxBackoff) {
        this(timer, System::nanoTime, ratePerSecond, initialBackoff, maxBackoff);
    }

    ReplayPacer(ScheduledExecutorService timer, LongSupplier nanoTime, int ratePerSecond, Duration initialBackoff,
            Duration maxBackoff) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        configure(ratePerSecond, initialBackoff, maxBackoff);
        this.nextSlotNanos = nanoTime.getAsLong();
    }

    void configure(int ratePerSecond, Duration initial, Duration max) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("ratePerSecond must be positive: " + ratePerSecond);
        }
        intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        initialBackoff = Objects.requireNonNull(initial, "initial");
        maxBackoff = Objects.requireNonNull(max, "max");
    }

    /** Completes when the next update may be sent. */
    CompletableFuture<Void> permit() {
        long delay;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = Math.max(now, Math.max(nextSlotNanos, pausedUntilNanos));
            nextSlotNanos = slot + intervalNanos;
            delay = slot - now;
        }
        if (delay <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> permit = new CompletableFuture<>();
        try {
            timer.schedule(() -> permit.complete(null), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            permit.completeExceptionally(e);
        }
        return permit;
    }

    /** The cloud throttled or failed: every replay pauses. Returns the pause. */
    synchronized Duration backOff() {
        long bound = initialBackoff.toNanos() << Math.min(failures, 20);
        bound = Math.min(bound <= 0 ? Long.MAX_VALUE : bound, maxBackoff.toNanos());
        failures++;
        long pause = bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1);
        pausedUntilNanos = Math.max(pausedUntilNanos, nanoTime.getAsLong() + pause);
        return Duration.ofNanos(pause);
    }

    /** An update went through: the next failure starts from the initial backoff again. */
    synchronized void succeeded() {
        failures = 0;
    }
}
