package io.edgejobs.api.jobs;

import static io.edgejobs.api.jobs.Fixtures.T0;
import static io.edgejobs.api.jobs.Fixtures.at;
import static io.edgejobs.api.jobs.Fixtures.queued;
import static io.edgejobs.api.jobs.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.store.ExecutionRecord;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceTransitionsTest {

    private final ExecutionUpdates updates = new ExecutionUpdates();

    private ExecutionRecord inProgress(Long timeout, Long step) {
        return updates.applyUpdate(queued("job1", T0, timeout), update("job1", JobExecutionStatus.IN_PROGRESS,
                Map.of("p", "1"), null, step), at("12:00:00")).after();
    }

    @Test
    @DisplayName("'If the job execution remains IN_PROGRESS longer than the timer it switches to TIMED_OUT'")
    void timeOut() {
        // given an IN_PROGRESS execution with a 20-minute timer
        ExecutionRecord r = inProgress(20L, null);
        // when timed out
        ExecutionChange c = ServiceTransitions.timeOut(r, at("12:20:00"));
        // then TIMED_OUT, version +1, timers stopped, details kept
        assertEquals(JobExecutionStatus.TIMED_OUT, c.after().status());
        assertEquals(r.versionNumber() + 1, c.after().versionNumber());
        assertEquals(new ExecutionTimers(20L, null, null), c.after().timers());
        assertEquals(Map.of("p", "1"), c.after().statusDetails());
        assertEquals(at("12:20:00"), c.after().lastUpdatedAt());
    }

    @Test
    @DisplayName("timeOutIfExpired fires at the earliest deadline and records it as lastUpdatedAt")
    void timeOutIfExpired() {
        ExecutionRecord r = inProgress(20L, 5L);
        assertTrue(ServiceTransitions.timeOutIfExpired(r, at("12:04:59")).isEmpty());
        ExecutionChange c = ServiceTransitions.timeOutIfExpired(r, at("12:30:00")).orElseThrow();
        assertEquals(at("12:05:00"), c.after().lastUpdatedAt());
        assertEquals(JobExecutionStatus.TIMED_OUT, c.after().status());
        assertTrue(ServiceTransitions.timeOutIfExpired(c.after(), at("12:31:00")).isEmpty());
    }

    @Test
    @DisplayName("Only IN_PROGRESS executions time out: a QUEUED one cannot")
    void queuedDoesNotTimeOut() {
        JobsException e = assertThrows(JobsException.class,
                () -> ServiceTransitions.timeOut(queued("job1", T0), at("12:00:00")));
        assertEquals(ErrorCode.InvalidStateTransition, e.code());
    }

    @Test
    @DisplayName("CancelJobExecution: QUEUED is canceled; IN_PROGRESS only with force; statusDetails replaced when given")
    void cancel() {
        ExecutionChange q = ServiceTransitions.cancel(queued("job1", T0), false, null, null, at("12:00:00"));
        assertEquals(JobExecutionStatus.CANCELED, q.after().status());
        assertEquals(2L, q.after().versionNumber());

        ExecutionRecord running = inProgress(null, 5L);
        JobsException e = assertThrows(JobsException.class,
                () -> ServiceTransitions.cancel(running, false, null, null, at("12:01:00")));
        assertEquals(ErrorCode.InvalidStateTransition, e.code());
        assertEquals(ExecutionViews.toState(running), e.executionState());

        ExecutionChange forced = ServiceTransitions.cancel(running, true, null, Map.of("why", "operator"),
                at("12:01:00"));
        assertEquals(JobExecutionStatus.CANCELED, forced.after().status());
        assertEquals(Map.of("why", "operator"), forced.after().statusDetails());
        assertNull(forced.after().timers().stepDeadline());
    }

    @Test
    @DisplayName("CancelJobExecution expectedVersion: mismatch → VersionMismatch (checked before the transition)")
    void cancelExpectedVersion() {
        ExecutionRecord q = queued("job1", T0);
        JobsException e = assertThrows(JobsException.class,
                () -> ServiceTransitions.cancel(q, true, 3L, null, at("12:00:00")));
        assertEquals(ErrorCode.VersionMismatch, e.code());
        assertEquals(JobExecutionStatus.CANCELED,
                ServiceTransitions.cancel(q, false, 1L, null, at("12:00:00")).after().status());
        ExecutionRecord canceled = ServiceTransitions.cancel(q, false, null, null, at("12:00:00")).after();
        assertEquals(ErrorCode.InvalidStateTransition, assertThrows(JobsException.class,
                () -> ServiceTransitions.cancel(canceled, true, null, null, at("12:01:00"))).code());
    }

    @Test
    @DisplayName("REMOVED 'when your device is no longer a valid target' — from QUEUED only (decision)")
    void remove() {
        assertEquals(JobExecutionStatus.REMOVED,
                ServiceTransitions.remove(queued("job1", T0), at("12:00:00")).after().status());
        assertEquals(ErrorCode.InvalidStateTransition, assertThrows(JobsException.class,
                () -> ServiceTransitions.remove(inProgress(null, null), at("12:00:00"))).code());
    }
}
