package io.edgejobs.upstream.mqtt.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a random time between 0 and
 * {@code min(max, initial * 2^n)}, so that many gateways cut off together do not reconnect together.
 * Not thread-safe: used by the connection's own thread only.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = Math.max(max.toMillis(), initialMillis);
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    Duration next() {
        long bound = bound(failures);
        failures = Math.min(failures + 1, 62);
        return Duration.ofMillis(random.nextLong(bound + 1));
    }

    /** The current upper bound (what the next delay is drawn below). */
    Duration currentBound() {
        return Duration.ofMillis(bound(failures));
    }

    /** Back to the initial bound, after a connection that stayed up long enough. */
    void reset() {
        failures = 0;
    }

    private long bound(int n) {
        long shifted = n >= 62 || initialMillis > (maxMillis >> Math.min(n, 62)) ? maxMillis : initialMillis << n;
        return Math.min(shifted, maxMillis);
    }
}
