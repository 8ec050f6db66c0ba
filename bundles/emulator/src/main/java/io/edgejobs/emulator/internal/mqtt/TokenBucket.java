package io.edgejobs.emulator.internal.mqtt;

import java.util.function.LongSupplier;

/**
 * A token bucket over real (monotonic) time: {@code ratePerSecond} tokens a second, holding at most one second's
 * worth, starting full. A rate of 0 means unlimited.
 */
final class TokenBucket {

    private final double ratePerSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastNanos;

    TokenBucket(double ratePerSecond, LongSupplier nanoTime) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.nanoTime = nanoTime;
        this.tokens = ratePerSecond;
        this.lastNanos = nanoTime.getAsLong();
    }

    double ratePerSecond() {
        return ratePerSecond;
    }

    /** Takes one token if there is one. */
    synchronized boolean tryAcquire() {
        if (ratePerSecond == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(ratePerSecond, tokens + (now - lastNanos) / 1e9 * ratePerSecond);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
