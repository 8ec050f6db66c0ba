package io.edgejobs.emulator.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.JobsOperation;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestThrottleTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void eachConnectionHasItsOwnPublishRate() {
        RequestThrottle throttle = new RequestThrottle(new ThrottleLimits(2, 0, 0), nanos::get);

        assertTrue(throttle.allowPublish("a"));
        assertTrue(throttle.allowPublish("a"));
        assertFalse(throttle.allowPublish("a"));
        assertTrue(throttle.allowPublish("b"), "another connection is not affected");

        nanos.addAndGet(500_000_000L);
        assertTrue(throttle.allowPublish("a"), "half a second refills one of two tokens");
        assertFalse(throttle.allowPublish("a"));
    }

    @Test
    void readsAndWritesAreCountedSeparatelyForTheAccount() {
        RequestThrottle throttle = new RequestThrottle(new ThrottleLimits(0, 1, 1), nanos::get);

        assertTrue(throttle.allowRequest(JobsOperation.GET_PENDING_JOB_EXECUTIONS));
        assertFalse(throttle.allowRequest(JobsOperation.DESCRIBE_JOB_EXECUTION));
        assertTrue(throttle.allowRequest(JobsOperation.UPDATE_JOB_EXECUTION));
        assertFalse(throttle.allowRequest(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION));
        assertTrue(throttle.allowPublish("any"), "0 means unlimited");
    }

    @Test
    void newLimitsApplyAtOnce() {
        RequestThrottle throttle = new RequestThrottle(new ThrottleLimits(1, 0, 0), nanos::get);
        throttle.allowPublish("a");
        assertFalse(throttle.allowPublish("a"));

        throttle.setLimits(ThrottleLimits.UNLIMITED);

        for (int i = 0; i < 1000; i++) {
            assertTrue(throttle.allowPublish("a"));
        }
    }
}
