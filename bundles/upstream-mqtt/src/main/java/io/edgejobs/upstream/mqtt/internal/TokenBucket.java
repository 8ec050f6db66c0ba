package io.edgejobs.upstream.mqtt.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces the connection's MQTT traffic so that AWS IoT Core's per-connection publish limit is never hit: in any
 * window of t seconds at most {@code capacity + rate * t} units are spent.
 *
 * <p>Outgoing publishes <b>take</b> units when they are there and otherwise wait (the {@link PublishQueue} asks
 * how long); units are never promised ahead, because a message nobody reserved for (a notification) may arrive
 * at any moment and is spent at once. Incoming messages the gateway did not reserve for are <b>charged</b>
 * without waiting; the debt they create is capped at one second of refill so that a flood cannot starve requests
 * for long.
 */
final class TokenBucket {
    private final double capacity;
    private final double unitsPerNano;
    private final double maxDebt;
    private final LongSupplier nanoClock;
    private double available;
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
        this.refilledAt = nanoClock.getAsLong();
    }

    TokenBucket(int ratePerSecond, int capacity) {
        this(ratePerSecond, capacity, System::nanoTime);
    }

    /**
     * Takes units if they are there now. More units than the capacity are taken once the bucket is full (the
     * balance goes negative), so that a capacity below a request's units does not block it for ever.
     */
    synchronized boolean take(int units) {
        refill();
        if (available < Math.min(units, capacity)) {
            return false;
        }
        available -= units;
        return true;
    }

    /** The nanoseconds until {@code units} could be taken, if nothing else were spent meanwhile (0: now). */
    synchronized long nanosUntil(int units) {
        refill();
        return nanosToRefill(Math.min(units, capacity));
    }

    /**
     * The nanoseconds until {@code units} more than the bucket holds now, spent in turns of at most the capacity,
     * would all have been taken: the wait of a request behind others.
     */
    synchronized long nanosUntilAllTaken(int units) {
        refill();
        return nanosToRefill(units);
    }

    /** Charges units already spent by the other side (an incoming message); never waits. */
    synchronized void charge(int units) {
        refill();
        available = Math.max(available - units, Math.min(available, -maxDebt));
    }

    /** The units available now (negative: in debt). */
    synchronized double available() {
        refill();
        return available;
    }

    /** The nanoseconds until the balance reaches {@code units} (0: it has them); call after {@link #refill()}. */
    private long nanosToRefill(double units) {
        double missing = units - available;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / unitsPerNano);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        available = Math.min(capacity, available + (now - refilledAt) * unitsPerNano);
        refilledAt = now;
    }
}
