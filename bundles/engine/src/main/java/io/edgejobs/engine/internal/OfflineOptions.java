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
 * @param outboxMaxBytes most bytes the outbox's entries take as the store counts them ({@code JobStore.outboxBytes})
 * @param outboxFullPolicy what a device update meets when the outbox is full
 */
public record OfflineOptions(int replayRatePerSecond, Duration replayBackoffInitial, Duration replayBackoffMax,
        int outboxMaxEntries, long outboxMaxBytes, OutboxFullPolicy outboxFullPolicy) {

    /**
     * 64 MiB: 10 000 ordinary entries (a few hundred bytes each) stay far below it, but entries with the largest
     * statusDetails AWS accepts (10 pairs of up to 1024 characters) take tens of KB each, and then the bytes bind.
     */
    public static final long DEFAULT_OUTBOX_MAX_BYTES = 64L * 1024 * 1024;

    public static final OfflineOptions DEFAULTS = new OfflineOptions(10, Duration.ofSeconds(1),
            Duration.ofSeconds(60), 10_000, DEFAULT_OUTBOX_MAX_BYTES, OutboxFullPolicy.REFUSE);

    public OfflineOptions {
        Objects.requireNonNull(replayBackoffInitial, "replayBackoffInitial");
        Objects.requireNonNull(replayBackoffMax, "replayBackoffMax");
        Objects.requireNonNull(outboxFullPolicy, "outboxFullPolicy");
        if (outboxMaxEntries < 1) {
            throw new IllegalArgumentException("outboxMaxEntries must be positive, was " + outboxMaxEntries);
        }
        if (outboxMaxBytes < 1) {
            throw new IllegalArgumentException("outboxMaxBytes must be positive, was " + outboxMaxBytes);
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
                outboxMaxBytes, outboxFullPolicy);
    }

    public OfflineOptions withReplayBackoff(Duration initial, Duration max) {
        return new OfflineOptions(replayRatePerSecond, initial, max, outboxMaxEntries, outboxMaxBytes,
                outboxFullPolicy);
    }

    public OfflineOptions withOutboxBound(int maxEntries, OutboxFullPolicy policy) {
        return new OfflineOptions(replayRatePerSecond, replayBackoffInitial, replayBackoffMax, maxEntries,
                outboxMaxBytes, policy);
    }

    public OfflineOptions withOutboxMaxBytes(long maxBytes) {
        return new OfflineOptions(replayRatePerSecond, replayBackoffInitial, replayBackoffMax, outboxMaxEntries,
                maxBytes, outboxFullPolicy);
    }
}
