package io.edgejobs.upstream.mqtt.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces the connection's MQTT traffic so that AWS IoT Core's per-connection publish limit is never hit: in any
 * window of t seconds at most {@code capacity + rate * t} units are spent.
 *
 * <p>Outgoing publishes <b>reserve</b> units: a reservation may run into the future (the bucket goes negative) and
 * returns how long the caller must wait before publishing, so callers are served in order without blocking a
 * thread; a reservation that would wait longer than the caller can afford is not made. Incoming messages the
 * gateway did not reserve for (notifications) are <b>charged</b> without waiting; the debt they create is capped
 * at one second of refill so that a flood cannot starve requests for long. The cap counts from the level the
 * latest reservation left: a charge while reservations run into the future is added behind them in full, and a
 * charge never gives reserved units back (had it been clamped at one second below zero, every notification would
 * have lifted a deeper reservation debt to that floor and let the next requests through early).
 */
final class TokenBucket {
    private final double capacity;
    private final double unitsPerNano;
    private final double maxDebt;
    private final LongSupplier nanoClock;
    private double available;
    /** The level the latest reservation left, refilled like {@link #available}: where charged debt counts from. */
    private double reservedLevel;
    private long refilledAt;

    TokenBucket(int ratePerSecond, int capacity, LongSupplier nanoClock) {
        if (ratePerSecond <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("rate and capacity must be positive");
        }
        this.capacity = capacity;
        this.unitsPerNano = ratePerSecond / (double) TimeUnit.SECONDS.toNanos(1);
        this.maxDebt = ratePerSecond;
        this.nanoClock = nanoClock;
        this.available = capacity;
        this.reservedLevel = capacity;
        this.refilledAt = nanoClock.getAsLong();
    }

    TokenBucket(int ratePerSecond, int capacity) {
        this(ratePerSecond, capacity, System::nanoTime);
    }

    /**
     * Reserves units.
     *
     * @return the nanoseconds to wait before spending them (0: now), or -1 when that wait would exceed
     *         {@code maxWaitNanos} (nothing was reserved)
     */
    synchronized long reserve(int units, long maxWaitNanos) {
        refill();
        double after = available - units;
        long wait = after >= 0 ? 0 : (long) Math.ceil(-after / unitsPerNano);
        if (wait > maxWaitNanos) {
            return -1;
        }
        available = after;
        reservedLevel = after;
        return wait;
    }

    /** Charges units already spent by the other side (an incoming message); never waits. */
    synchronized void charge(int units) {
        refill();
        double floor = Math.min(reservedLevel, 0) - maxDebt;
        available = Math.max(available - units, Math.min(available, floor));
    }

    /** The units available now (negative: reserved ahead). */
    synchronized double available() {
        refill();
        return available;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        double refilled = (now - refilledAt) * unitsPerNano;
        available = Math.min(capacity, available + refilled);
        reservedLevel = Math.min(capacity, reservedLevel + refilled);
        refilledAt = now;
    }
}
