package io.edgejobs.api.jobs;

import static io.edgejobs.api.jobs.Fixtures.T0;
import static io.edgejobs.api.jobs.Fixtures.THING;
import static io.edgejobs.api.jobs.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgejobs.api.store.ExecutionRecord;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QueuedExecutionsTest {

    @Test
    @DisplayName("jobs-comm-notifications.md worked example: a newly created execution is QUEUED with versionNumber 1")
    void newExecution() {
        ExecutionRecord r = QueuedExecutions.queue(THING, "job1", 1, 20L, T0);
        assertEquals(JobExecutionStatus.QUEUED, r.status());
        assertEquals(1L, r.versionNumber());
        assertEquals(T0, r.queuedAt());
        assertEquals(T0, r.lastUpdatedAt());
        assertNull(r.startedAt());
        assertEquals(new ExecutionTimers(20L, null, null), r.timers());
    }

    @Test
    @DisplayName("Retry configuration (jobs-configurations-details.md): a FAILED/TIMED_OUT execution is retried as a new execution")
    void retry() {
        // given a timed-out execution number 1
        ExecutionRecord running = new ExecutionUpdates().applyUpdate(QueuedExecutions.queue(THING, "job1", 1, 20L, T0),
                Fixtures.update("job1", JobExecutionStatus.IN_PROGRESS, Map.of("p", "9"), null, 5L),
                at("12:00:00")).after();
        ExecutionRecord timedOut = ServiceTransitions.timeOut(running, at("12:05:00")).after();
        // when the service retries it
        ExecutionRecord retry = QueuedExecutions.retryOf(timedOut, at("12:06:00"));
        // then a new QUEUED execution number 2, fresh details and version, same job timeout
        assertEquals(2L, retry.executionNumber());
        assertEquals(JobExecutionStatus.QUEUED, retry.status());
        assertEquals(Map.of(), retry.statusDetails());
        assertEquals(1L, retry.versionNumber());
        assertEquals(new ExecutionTimers(20L, null, null), retry.timers());
        // REJECTED is never retried ("You cannot retry this job execution for the device")
        ExecutionRecord rejected = Fixtures.withStatus(QueuedExecutions.queue(THING, "job1", 1, null, T0),
                JobExecutionStatus.REJECTED);
        assertThrows(IllegalArgumentException.class, () -> QueuedExecutions.retryOf(rejected, at("12:06:00")));
    }
}
