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
 * @param outboxMaxEntries most entries the outbox holds (over all things)
 * @param outboxFullPolicy what a device update meets when the outbox is full
 */
public record OfflineOptions(int replayRatePerSecond, Duration replayBackoffInitial, Duration replayBackoffMax,
        int outboxMaxEntries, OutboxFullPolicy outboxFullPolicy) {

    public static final OfflineOptions DEFAULTS = new OfflineOptions(10, Duration.ofSeconds(1),
            Duration.ofSeconds(60), 10_000, OutboxFullPolicy.REFUSE);

    public OfflineOptions {
        Objects.requireNonNull(replayBackoffInitial, "replayBackoffInitial");
        Objects.requireNonNull(replayBackoffMax, "replayBackoffMax");
        Objects.requireNonNull(outboxFullPolicy, "outboxFullPolicy");
        if (outboxMaxEntries < 1) {
            throw new IllegalArgumentException("outboxMaxEntries must be positive, was " + outboxMaxEntries);
        }
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
        return new OfflineOptions(perSecond, replayBackoffInitial, replayBackoffMax, outboxMaxEntries,
                outboxFullPolicy);
    }

    public OfflineOptions withReplayBackoff(Duration initial, Duration max) {
        return new OfflineOptions(replayRatePerSecond, initial, max, outboxMaxEntries, outboxFullPolicy);
    }

    public OfflineOptions withOutboxBound(int maxEntries, OutboxFullPolicy policy) {
        return new OfflineOptions(replayRatePerSecond, replayBackoffInitial, replayBackoffMax, maxEntries, policy);
    }
}
