package io.edgejobs.upstream.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void theBurstIsAvailableAtOnceThenUnitsComeAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 4, now::get);

        assertTrue(bucket.take(2));
        assertTrue(bucket.take(2));
        assertFalse(bucket.take(2));
        assertEquals(SECOND / 5, bucket.nanosUntil(2), "2 units at 10/s: 200 ms");
        assertEquals(SECOND / 5 * 3, bucket.nanosUntilAllTaken(6), "three requests in a row");
        now.addAndGet(SECOND / 5);
        assertTrue(bucket.take(2));
    }

    @Test
    void aRefusedTakeTakesNothing() {
        TokenBucket bucket = new TokenBucket(10, 2, now::get);
        assertTrue(bucket.take(2));

        assertFalse(bucket.take(2));

        assertEquals(0.0, bucket.available(), 1e-9);
    }

    @Test
    void moreUnitsThanTheCapacityAreTakenFromAFullBucket() {
        TokenBucket bucket = new TokenBucket(1, 1, now::get);

        assertTrue(bucket.take(2));
        assertEquals(-1.0, bucket.available(), 1e-9);
        assertEquals(2 * SECOND, bucket.nanosUntil(2), "until the bucket is full again");
    }

    @Test
    void unitsComeBackWithTimeUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(10, 4, now::get);
        bucket.take(4);

        now.addAndGet(SECOND / 10);
        assertEquals(1.0, bucket.available(), 1e-9);
        now.addAndGet(10 * SECOND);
        assertEquals(4.0, bucket.available(), 1e-9);
    }

    @Test
    void incomingMessagesAreChargedWithoutWaitingAndTheirDebtIsCappedAtOneSecond() {
        TokenBucket bucket = new TokenBucket(10, 4, now::get);

        for (int i = 0; i < 100; i++) {
            bucket.charge(1);
        }

        assertEquals(-10.0, bucket.available(), 1e-9);
        assertEquals(SECOND + SECOND / 5, bucket.nanosUntil(2));
    }

    @Test
    void aChargePushesTheNextTakeBack() {
        TokenBucket bucket = new TokenBucket(10, 2, now::get);
        bucket.take(2);

        bucket.charge(1);

        assertEquals(3 * SECOND / 10, bucket.nanosUntil(2));
    }

    @Test
    void inAnyWindowAtMostCapacityPlusRateTimesTheWindowIsSpentCountingCharges() {
        TokenBucket bucket = new TokenBucket(80, 10, now::get);
        List<long[]> spent = new ArrayList<>(); // {time, units}
        for (int ms = 0; ms < 5_000; ms++) {
            if (ms % 20 == 0) {
                bucket.charge(1); // a notification every 20 ms
                spent.add(new long[] {now.get(), 1});
            }
            while (bucket.take(2)) { // requests are always waiting
                spent.add(new long[] {now.get(), 2});
            }
            now.addAndGet(SECOND / 1000);
        }
        for (long[] from : spent) {
            long units = spent.stream().filter(s -> s[0] >= from[0] && s[0] < from[0] + SECOND)
                    .mapToLong(s -> s[1]).sum();
            assertTrue(units <= 80 + 10, "window from " + (from[0] - 1_000 * SECOND) + ": " + units + " units");
        }
    }

    @Test
    void aZeroRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, now::get));
    }
}
