package io.edgejobs.api.jobs;

import static io.edgejobs.api.jobs.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    @DisplayName("jobs-configurations-details.md 'How timers work': 20-min in-progress timer, step timers at 12:05/12:10/12:13 → 12:12, 12:15, 12:20")
    void awsTimerExample() {
        // given a job with a 20-minute in-progress timer, started at 12:00
        ExecutionTimers t = Timeouts.startInProgressTimer(new ExecutionTimers(20L, null, null), at("12:00:00"));
        assertEquals(at("12:20:00"), t.inProgressDeadline());

        // when a 7-minute step timer is created at 12:05, then the execution times out at 12:12
        t = Timeouts.applyStepTimeout(t, 7L, at("12:05:00"));
        assertEquals(new Timeouts.Deadline(Timeouts.TimerKind.STEP, at("12:12:00")),
                Timeouts.nextDeadline(t).orElseThrow());

        // when a 5-minute step timer is created at 12:10, the previous one is discarded: 12:15
        t = Timeouts.applyStepTimeout(t, 5L, at("12:10:00"));
        assertEquals(at("12:15:00"), Timeouts.nextDeadline(t).orElseThrow().at());

        // when a 9-minute step timer is created at 12:13, it "can't exceed the in-progress timer's absolute bound"
        t = Timeouts.applyStepTimeout(t, 9L, at("12:13:00"));
        Timeouts.Deadline next = Timeouts.nextDeadline(t).orElseThrow();
        assertEquals(at("12:20:00"), next.at());
        assertEquals(Timeouts.TimerKind.IN_PROGRESS, next.kind());
        assertFalse(Timeouts.isExpired(t, at("12:19:59")));
        assertTrue(Timeouts.isExpired(t, at("12:20:00")));
    }

    @Test
    @DisplayName("limits: stepTimeoutInMinutes -1 discards the previous step timer; null keeps it")
    void discardAndKeep() {
        // given a running step timer
        ExecutionTimers t = Timeouts.applyStepTimeout(ExecutionTimers.NONE, 10L, at("12:00:00"));
        // when null is passed, then it is kept
        assertEquals(t, Timeouts.applyStepTimeout(t, null, at("12:01:00")));
        // when -1 is passed, then no timer runs
        ExecutionTimers discarded = Timeouts.applyStepTimeout(t, -1L, at("12:01:00"));
        assertNull(discarded.stepDeadline());
        assertTrue(Timeouts.nextDeadline(discarded).isEmpty());
        assertNull(Timeouts.approximateSecondsBeforeTimedOut(discarded, at("12:01:00")));
        assertThrows(IllegalArgumentException.class, () -> Timeouts.applyStepTimeout(t, 0L, at("12:01:00")));
    }

    @Test
    @DisplayName("The in-progress timer 'can't be updated' once started: going IN_PROGRESS again does not restart it")
    void inProgressTimerStartsOnce() {
        ExecutionTimers started = Timeouts.startInProgressTimer(new ExecutionTimers(20L, null, null), at("12:00:00"));
        assertEquals(started, Timeouts.startInProgressTimer(started, at("12:10:00")));
        // a job without timeoutConfig has no in-progress timer
        assertEquals(ExecutionTimers.NONE, Timeouts.startInProgressTimer(ExecutionTimers.NONE, at("12:00:00")));
    }

    @Test
    @DisplayName("A step timer set before the in-progress timer starts is capped when it starts")
    void stepCappedWhenInProgressStarts() {
        ExecutionTimers t = new ExecutionTimers(5L, null, at("12:30:00"));
        ExecutionTimers started = Timeouts.startInProgressTimer(t, at("12:00:00"));
        assertEquals(at("12:05:00"), started.stepDeadline());
    }

    @Test
    @DisplayName("approximateSecondsBeforeTimedOut (iot-jobs-data JobExecution): rounded down, never negative, null without timer")
    void approximateSeconds() {
        ExecutionTimers t = new ExecutionTimers(null, null, at("12:10:00"));
        assertEquals(600L, Timeouts.approximateSecondsBeforeTimedOut(t, at("12:00:00")));
        assertEquals(0L, Timeouts.approximateSecondsBeforeTimedOut(t, Instant.parse("2024-05-01T12:09:59.400Z")));
        assertEquals(59L, Timeouts.approximateSecondsBeforeTimedOut(t, Instant.parse("2024-05-01T12:09:00.001Z")));
        assertEquals(0L, Timeouts.approximateSecondsBeforeTimedOut(t, at("12:15:00")));
        assertNull(Timeouts.approximateSecondsBeforeTimedOut(ExecutionTimers.NONE, at("12:00:00")));
        assertNull(Timeouts.approximateSecondsBeforeTimedOut(null, at("12:00:00")));
    }

    @Test
    @DisplayName("A terminal status stops both timers but keeps the job's timeout setting")
    void stopped() {
        ExecutionTimers t = new ExecutionTimers(20L, at("12:20:00"), at("12:10:00"));
        assertEquals(new ExecutionTimers(20L, null, null), Timeouts.stopped(t));
        assertEquals(ExecutionTimers.NONE, Timeouts.stopped(new ExecutionTimers(null, null, at("12:10:00"))));
    }
}
