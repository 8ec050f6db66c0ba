package io.edgejobs.upstream.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** Always draws the upper end, so the bound itself shows. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void theBoundDoublesFromTheInitialDelayUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(120), HIGHEST);

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(backoff.next().toMillis());
        }

        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 64000L, 120000L, 120000L, 120000L), delays);
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheBound() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), new Random(42));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long bound = backoff.currentBound().toMillis();
            long delay = backoff.next().toMillis();
            assertTrue(delay >= 0 && delay <= bound, delay + " outside [0, " + bound + "]");
            if (bound == 800) {
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
        }
        assertTrue(min < 100 && max > 700, "spread " + min + ".." + max);
    }

    @Test
    void resetStartsAgainFromTheInitialBound() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(120), HIGHEST);
        for (int i = 0; i < 20; i++) {
            backoff.next();
        }

        backoff.reset();

        assertEquals(1000, backoff.next().toMillis());
        assertEquals(2000, backoff.next().toMillis());
    }

    @Test
    void manyFailuresNeverOverflowTheBound() {
        Backoff backoff = new Backoff(Duration.ofMillis(7), Duration.ofDays(1), HIGHEST);
        long last = 0;
        for (int i = 0; i < 200; i++) {
            last = backoff.next().toMillis();
            assertTrue(last >= 0);
        }
        assertEquals(Duration.ofDays(1).toMillis(), last);
    }
}
