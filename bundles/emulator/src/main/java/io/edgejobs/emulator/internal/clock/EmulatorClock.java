package io.edgejobs.emulator.internal.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The emulated cloud's time: real time since a start instant, multiplied by a scale, plus whatever tests added
 * with {@link #advance}. It never goes backwards. Instants are truncated to milliseconds so that what the SQLite
 * store keeps equals what devices were told.
 *
 * <p>Timers of job executions (step and in-progress timeouts) are measured on this clock, so a scale of 60 makes
 * a one-minute step timeout fire after one real second, and {@code advance(Duration.ofMinutes(5))} fires every
 * timer due within five minutes at once. Throttling is measured in real time (see RequestThrottle).
 */
public final class EmulatorClock extends Clock {

    /** The largest accepted scale: a week of emulated time per real second. */
    public static final double MAX_SCALE = 604_800d;

    private record Anchor(Instant emulated, long realNanos, double scale) {
    }

    private final LongSupplier nanoTime;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Anchor anchor;

    /**
     * @param start the emulated time now
     * @param scale emulated seconds per real second, greater than 0
     */
    public EmulatorClock(Instant start, double scale) {
        this(start, scale, System::nanoTime);
    }

    EmulatorClock(Instant start, double scale, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        checkScale(scale);
        this.anchor = new Anchor(Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.MILLIS),
                nanoTime.getAsLong(), scale);
    }

    @Override
    public Instant instant() {
        Anchor a = anchor;
        long realElapsed = nanoTime.getAsLong() - a.realNanos();
        long emulatedElapsed = (long) (realElapsed * a.scale());
        return a.emulated().plusNanos(emulatedElapsed).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Emulated seconds per real second. */
    public double scale() {
        return anchor.scale();
    }

    /**
     * Moves the emulated time forward; timers due by then fire right away.
     *
     * @return the new emulated time
     */
    public Instant advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("the emulated clock only moves forward, got " + by);
        }
        Instant now;
        synchronized (this) {
            now = instant().plus(by).truncatedTo(ChronoUnit.MILLIS);
            anchor = new Anchor(now, nanoTime.getAsLong(), anchor.scale());
        }
        fireChanged();
        return now;
    }

    /** Changes how fast emulated time runs from now on. */
    public void setScale(double scale) {
        checkScale(scale);
        synchronized (this) {
            anchor = new Anchor(instant(), nanoTime.getAsLong(), scale);
        }
        fireChanged();
    }

    /** The real time until the emulated clock reaches {@code at} at the current scale; zero when already past. */
    public Duration realTimeUntil(Instant at) {
        Duration emulated = Duration.between(instant(), at);
        if (emulated.isNegative() || emulated.isZero()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(emulated.toNanos() / anchor.scale()));
    }

    /** Called after every advance or scale change (the timeout sweeper re-plans). */
    public void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fireChanged() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    private static void checkScale(double scale) {
        if (!(scale > 0) || scale > MAX_SCALE || Double.isNaN(scale)) {
            throw new IllegalArgumentException("clock scale must be > 0 and <= " + MAX_SCALE + ", got " + scale);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the emulator clock is UTC only");
    }

    @Override
    public String toString() {
        return "EmulatorClock[" + instant() + ", scale " + scale() + "]";
    }
}
