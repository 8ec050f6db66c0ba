package io.edgejobs.engine.internal;

import io.edgejobs.api.jobs.Identifiers;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The engine's settings, immutable.
 *
 * @param requestTimeout arrival-to-answer bound of a forwarded request
 * @param prefetchInterval period of the prefetch of every known thing; zero for none
 * @param things configured thing names
 * @param workerThreads size of the engine's worker pool
 * @param prefetchConcurrency things prefetched in parallel
 * @param recheckDelay delay before an execution whose request timed out is described again
 * @param offline offline operation and replay
 * @param presignedUrlMargin a cached job document whose presigned URLs expire within this margin is fetched again
 *        before it is handed out while AWS IoT is reachable
 */
public record EngineOptions(Duration requestTimeout, Duration prefetchInterval, Set<String> things, int workerThreads,
        int prefetchConcurrency, Duration recheckDelay, OfflineOptions offline, Duration presignedUrlMargin) {

    public static final EngineOptions DEFAULTS = new EngineOptions(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Set.of(), 2, 2, Duration.ofSeconds(5), OfflineOptions.DEFAULTS, Duration.ofSeconds(60));

    public EngineOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(offline, "offline");
        Objects.requireNonNull(prefetchInterval, "prefetchInterval");
        Objects.requireNonNull(recheckDelay, "recheckDelay");
        Objects.requireNonNull(presignedUrlMargin, "presignedUrlMargin");
        if (presignedUrlMargin.isNegative() || presignedUrlMargin.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("presignedUrlRefreshMarginSeconds must be 0..3600, was "
                    + presignedUrlMargin.toSeconds());
        }
        if (requestTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("requestTimeoutMillis must be at least 100, was "
                    + requestTimeout.toMillis());
        }
        if (prefetchInterval.isNegative() || recheckDelay.isNegative()) {
            throw new IllegalArgumentException("prefetchIntervalSeconds and recheckDelaySeconds must not be negative");
        }
        if (workerThreads < 1 || workerThreads > 64) {
            throw new IllegalArgumentException("workerThreads must be 1..64, was " + workerThreads);
        }
        if (prefetchConcurrency < 1 || prefetchConcurrency > 64) {
            throw new IllegalArgumentException("prefetchConcurrency must be 1..64, was " + prefetchConcurrency);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String entry : things) {
            // a .cfg file gives one string: "pump-1, pump-2" is two things
            for (String name : (entry == null ? "" : entry).split("[,\\s]+")) {
                if (name.isEmpty()) {
                    continue;
                }
                if (!Identifiers.isValidThingName(name)) {
                    throw new IllegalArgumentException("things: '" + name + "' is not a thing name ("
                            + Identifiers.THING_NAME_RULE + ")");
                }
                names.add(name);
            }
        }
        things = Set.copyOf(names);
    }

    static EngineOptions from(Config config) {
        return new EngineOptions(Duration.ofMillis(config.requestTimeoutMillis()),
                Duration.ofSeconds(config.prefetchIntervalSeconds()),
                new LinkedHashSet<>(Arrays.asList(config.things())), config.workerThreads(),
                config.prefetchConcurrency(), Duration.ofSeconds(config.recheckDelaySeconds()),
                new OfflineOptions(config.replayRatePerSecond(),
                        Duration.ofMillis(config.replayBackoffInitialMillis()),
                        Duration.ofMillis(config.replayBackoffMaxMillis()), config.outboxMaxEntries(),
                        config.outboxMaxBytes(), config.outboxFullPolicy()),
                Duration.ofSeconds(config.presignedUrlRefreshMarginSeconds()));
    }

    public EngineOptions withRequestTimeout(Duration timeout) {
        return new EngineOptions(timeout, prefetchInterval, things, workerThreads, prefetchConcurrency, recheckDelay,
                offline, presignedUrlMargin);
    }

    public EngineOptions withPrefetchInterval(Duration interval) {
        return new EngineOptions(requestTimeout, interval, things, workerThreads, prefetchConcurrency, recheckDelay,
                offline, presignedUrlMargin);
    }

    public EngineOptions withThings(Set<String> names) {
        return new EngineOptions(requestTimeout, prefetchInterval, names, workerThreads, prefetchConcurrency,
                recheckDelay, offline, presignedUrlMargin);
    }

    public EngineOptions withRecheckDelay(Duration delay) {
        return new EngineOptions(requestTimeout, prefetchInterval, things, workerThreads, prefetchConcurrency, delay,
                offline, presignedUrlMargin);
    }

    public EngineOptions withOffline(OfflineOptions newOffline) {
        return new EngineOptions(requestTimeout, prefetchInterval, things, workerThreads, prefetchConcurrency,
                recheckDelay, newOffline, presignedUrlMargin);
    }

    public EngineOptions withPresignedUrlMargin(Duration margin) {
        return new EngineOptions(requestTimeout, prefetchInterval, things, workerThreads, prefetchConcurrency,
                recheckDelay, offline, margin);
    }
}
