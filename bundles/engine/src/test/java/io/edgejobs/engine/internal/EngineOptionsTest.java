package io.edgejobs.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {

    @Test
    void aConfigurationBecomesOptionsWithCleanThingNames() {
        EngineOptions options = EngineOptions.from(config(4000, 60, new String[] {" pump-1 ", "", "pump-1, press-2"},
                3, 4, 7));

        assertEquals(Duration.ofMillis(4000), options.requestTimeout());
        assertEquals(Duration.ofSeconds(60), options.prefetchInterval());
        assertEquals(Set.of("pump-1", "press-2"), options.things());
        assertEquals(3, options.workerThreads());
        assertEquals(4, options.prefetchConcurrency());
        assertEquals(Duration.ofSeconds(7), options.recheckDelay());
    }

    @Test
    void wrongValuesAreRefusedWithTheAttributesName() {
        IllegalArgumentException thing = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.from(config(4000, 60, new String[] {"not*a*thing"}, 2, 2, 5)));
        assertEquals("things: 'not*a*thing' is not a thing name ([a-zA-Z0-9:_-]{1,128})", thing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.from(config(50, 60, new String[0], 2, 2, 5)));
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.from(config(4000, 60, new String[0], 0, 2,
                5)));
    }

    private static Config config(int timeout, int interval, String[] things, int workers, int prefetch, int recheck) {
        return new Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Config.class;
            }

            @Override
            public int requestTimeoutMillis() {
                return timeout;
            }

            @Override
            public int prefetchIntervalSeconds() {
                return interval;
            }

            @Override
            public String[] things() {
                return things;
            }

            @Override
            public int workerThreads() {
                return workers;
            }

            @Override
            public int prefetchConcurrency() {
                return prefetch;
            }

            @Override
            public int recheckDelaySeconds() {
                return recheck;
            }
        };
    }
}
