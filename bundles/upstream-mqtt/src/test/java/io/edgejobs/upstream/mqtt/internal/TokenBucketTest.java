package io.edgejobs.upstream.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void theBurstIsAvailableAtOnceThenReservationsQueueAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 4, now::get);

        assertEquals(0, bucket.reserve(2, SECOND));
        assertEquals(0, bucket.reserve(2, SECOND));
        assertEquals(SECOND / 5, bucket.reserve(2, SECOND), "2 units at 10/s: 200 ms");
        assertEquals(2 * SECOND / 5, bucket.reserve(2, SECOND), "behind the previous reservation");
    }

    @Test
    void aReservationThatWouldWaitTooLongIsNotMade() {
        TokenBucket bucket = new TokenBucket(10, 2, now::get);
        bucket.reserve(2, 0);

        assertEquals(-1, bucket.reserve(2, SECOND / 10));
        assertEquals(SECOND / 5, bucket.reserve(2, SECOND), "the refused one took nothing");
    }

    @Test
    void unitsComeBackWithTimeUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(10, 4, now::get);
        bucket.reserve(4, 0);

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
        assertEquals(SECOND + SECOND / 5, bucket.reserve(2, 2 * SECOND));
    }

    @Test
    void aChargeWhileReservationsRunMoreThanOneSecondAheadIsAddedBehindThemAndGivesNothingBack() {
        TokenBucket bucket = new TokenBucket(10, 4, now::get);
        for (int i = 0; i < 10; i++) {
            bucket.reserve(2, 10 * SECOND); // 20 units: 1.6 s ahead
        }
        assertEquals(-16.0, bucket.available(), 1e-9);

        bucket.charge(1);

        assertEquals(-17.0, bucket.available(), 1e-9);
        assertEquals(SECOND + 9 * SECOND / 10, bucket.reserve(2, 10 * SECOND), "behind the reservations and the charge");
    }

    @Test
    void chargedDebtIsCappedAtOneSecondBelowTheLevelTheLatestReservationLeft() {
        TokenBucket bucket = new TokenBucket(10, 4, now::get);
        for (int i = 0; i < 10; i++) {
            bucket.reserve(2, 10 * SECOND);
        }

        for (int i = 0; i < 100; i++) {
            bucket.charge(1);
        }

        assertEquals(-26.0, bucket.available(), 1e-9);
        now.addAndGet(SECOND);
        assertEquals(-16.0, bucket.available(), 1e-9, "refilled like any debt");
        bucket.charge(1);
        assertEquals(-16.0, bucket.available(), 1e-9, "the cap moved with the refill: the reservation left -6 now");
    }

    @Test
    void inAnyWindowAtMostCapacityPlusRateTimesTheWindowIsSpent() {
        TokenBucket bucket = new TokenBucket(80, 10, now::get);
        long start = now.get();
        long[] publishAt = new long[500];
        for (int i = 0; i < publishAt.length; i++) {
            publishAt[i] = now.get() + bucket.reserve(2, Long.MAX_VALUE);
            now.addAndGet(SECOND / 1000); // requests keep coming every millisecond
        }
        for (int i = 0; i < publishAt.length; i++) {
            int inWindow = 0;
            for (long t : publishAt) {
                if (t >= publishAt[i] && t < publishAt[i] + SECOND) {
                    inWindow++;
                }
            }
            assertEquals(true, inWindow * 2 <= 80 + 10, "window from " + (publishAt[i] - start) + ": " + inWindow);
        }
    }

    @Test
    void aZeroRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, now::get));
    }
}
