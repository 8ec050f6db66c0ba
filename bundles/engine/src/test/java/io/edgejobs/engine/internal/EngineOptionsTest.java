package io.edgejobs.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {

    @Test
    void aConfigurationBecomesOptionsWithCleanThingNames() {
        EngineOptions options = EngineOptions.from(config("requestTimeoutMillis", 4000, "prefetchIntervalSeconds", 60,
                "things", new String[] {" pump-1 ", "", "pump-1, press-2"}, "workerThreads", 3,
                "prefetchConcurrency", 4, "recheckDelaySeconds", 7, "replayRatePerSecond", 25,
                "replayBackoffInitialMillis", 200, "replayBackoffMaxMillis", 9000, "outboxMaxEntries", 50,
                "outboxMaxBytes", 1_000_000L, "outboxFullPolicy", OutboxFullPolicy.EVICT_SUPERSEDED_PROGRESS,
                "presignedUrlRefreshMarginSeconds", 120));

        assertEquals(Duration.ofMillis(4000), options.requestTimeout());
        assertEquals(Duration.ofSeconds(60), options.prefetchInterval());
        assertEquals(Set.of("pump-1", "press-2"), options.things());
        assertEquals(3, options.workerThreads());
        assertEquals(4, options.prefetchConcurrency());
        assertEquals(Duration.ofSeconds(7), options.recheckDelay());
        assertEquals(new OfflineOptions(25, Duration.ofMillis(200), Duration.ofMillis(9000), 50, 1_000_000L,
                OutboxFullPolicy.EVICT_SUPERSEDED_PROGRESS), options.offline());
        assertEquals(Duration.ofSeconds(120), options.presignedUrlMargin());
    }

    @Test
    void theDefaultsOfTheConfigurationAreTheEnginesDefaults() {
        assertEquals(EngineOptions.DEFAULTS, EngineOptions.from(config()));
        assertEquals(64L * 1024 * 1024, EngineOptions.from(config()).offline().outboxMaxBytes());
    }

    @Test
    void wrongValuesAreRefusedWithTheAttributesName() {
        IllegalArgumentException thing = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.from(config("things", new String[] {"not*a*thing"})));
        assertEquals("things: 'not*a*thing' is not a thing name ([a-zA-Z0-9:_-]{1,128})", thing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.from(config("requestTimeoutMillis", 50)));
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.from(config("workerThreads", 0)));
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.from(config("replayRatePerSecond", 0)));
        assertEquals("replayRatePerSecond must be 1..100, was 0", rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.from(config("replayBackoffInitialMillis",
                5000, "replayBackoffMaxMillis", 1000)));
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.from(config("outboxMaxEntries", 0)));
        IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.from(config("outboxMaxBytes", 0L)));
        assertEquals("outboxMaxBytes must be positive, was 0", bytes.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.from(config("presignedUrlRefreshMarginSeconds", -1)));
    }

    /** A {@link Config} as SCR builds it: the annotation's defaults, some attributes overridden. */
    static Config config(Object... nameValuePairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> Config.class;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Config" + values;
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
