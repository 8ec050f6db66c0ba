package io.edgejobs.engine.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's settings for offline operation and the replay at reconnect, immutable.
 *
 * @param replayRatePerSecond most outbox updates sent per second over all things (the devices' own requests and
 *        the account's write rate keep the rest)
 * @param replayBackoffInitial first pause after the cloud throttled or failed a replayed update
 * @param replayBackoffMax longest pause
 */
public record OfflineOptions(int replayRatePerSecond, Duration replayBackoffInitial, Duration replayBackoffMax) {

    public static final OfflineOptions DEFAULTS = new OfflineOptions(10, Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    public OfflineOptions {
        Objects.requireNonNull(replayBackoffInitial, "replayBackoffInitial");
        Objects.requireNonNull(replayBackoffMax, "replayBackoffMax");
        if (replayRatePerSecond < 1 || replayRatePerSecond > 100) {
            throw new IllegalArgumentException("replayRatePerSecond must be 1..100, was " + replayRatePerSecond);
        }
        if (replayBackoffInitial.toMillis() < 1 || replayBackoffMax.compareTo(replayBackoffInitial) < 0) {
            throw new IllegalArgumentException("replayBackoffInitialMillis must be positive and at most "
                    + "replayBackoffMaxMillis, were " + replayBackoffInitial.toMillis() + " and "
                    + replayBackoffMax.toMillis());
        }
    }

    public OfflineOptions withReplayRate(int perSecond) {
        return new OfflineOptions(perSecond, replayBackoffInitial, replayBackoffMax);
    }

    public OfflineOptions withReplayBackoff(Duration initial, Duration max) {
        return new OfflineOptions(replayRatePerSecond, initial, max);
    }
}
