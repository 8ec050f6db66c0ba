package io.edgejobs.emulator.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EmulatorClockTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void realTimeRunsAtTheScale() {
        EmulatorClock clock = new EmulatorClock(START, 60, nanos::get);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertEquals(START.plus(Duration.ofMinutes(2)), clock.instant());
    }

    @Test
    void advancingMovesForwardAtOnceAndTellsTheListeners() {
        EmulatorClock clock = new EmulatorClock(START, 1, nanos::get);
        AtomicInteger told = new AtomicInteger();
        clock.onChange(told::incrementAndGet);

        Instant now = clock.advance(Duration.ofHours(3));

        assertEquals(START.plus(Duration.ofHours(3)), now);
        assertEquals(now, clock.instant());
        assertEquals(1, told.get());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void rescalingKeepsTheCurrentTimeAndChangesTheRate() {
        EmulatorClock clock = new EmulatorClock(START, 1, nanos::get);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());

        clock.setScale(10);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertEquals(START.plusSeconds(20), clock.instant());
        assertEquals(Duration.ofSeconds(3), clock.realTimeUntil(START.plusSeconds(50)));
        assertEquals(Duration.ZERO, clock.realTimeUntil(START));
        assertThrows(IllegalArgumentException.class, () -> clock.setScale(0));
    }

    @Test
    void instantsAreMilliseconds() {
        EmulatorClock clock = new EmulatorClock(START.plusNanos(123_456_789), 1, nanos::get);
        assertEquals(START.plusMillis(123), clock.instant());
    }
}
