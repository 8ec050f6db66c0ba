package io.edgejobs.api.jobs;

import static io.edgejobs.api.jobs.Fixtures.T0;
import static io.edgejobs.api.jobs.Fixtures.THING;
import static io.edgejobs.api.jobs.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.store.ExecutionRecord;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExecutionViewsTest {

    @Test
    @DisplayName("JobExecution (jobs-mqtt-https-api.md) with approximateSecondsBeforeTimedOut computed at 'now'")
    void jobExecution() {
        // given an IN_PROGRESS execution whose step timer fires at 12:10
        ExecutionRecord r = new ExecutionUpdates().applyUpdate(QueuedExecutions.queue(THING, "job1", 3, null, T0),
                Fixtures.update("job1", JobExecutionStatus.IN_PROGRESS, Map.of("k", "v"), null, 10L),
                at("12:00:00")).after();
        // when converted at 12:04:30 with a document
        JobExecution e = ExecutionViews.toJobExecution(r, "{\"op\":\"x\"}", at("12:04:30"));
        // then every field is carried over
        assertEquals("job1", e.jobId());
        assertEquals(THING, e.thingName());
        assertEquals("{\"op\":\"x\"}", e.jobDocument());
        assertEquals(JobExecutionStatus.IN_PROGRESS, e.status());
        assertEquals(Map.of("k", "v"), e.statusDetails());
        assertEquals(T0, e.queuedAt());
        assertEquals(at("12:00:00"), e.startedAt());
        assertEquals(at("12:00:00"), e.lastUpdatedAt());
        assertEquals(2L, e.versionNumber());
        assertEquals(3L, e.executionNumber());
        assertEquals(330L, e.approximateSecondsBeforeTimedOut());
        // and without the document
        assertNull(ExecutionViews.toJobExecution(r, at("12:04:30")).jobDocument());
    }

    @Test
    @DisplayName("No approximateSecondsBeforeTimedOut for QUEUED or terminal executions")
    void noSecondsWhenNotRunning() {
        ExecutionRecord q = QueuedExecutions.queue(THING, "job1", 1, 20L, T0);
        assertNull(ExecutionViews.toJobExecution(q, at("12:00:00")).approximateSecondsBeforeTimedOut());
        ExecutionRecord stale = Fixtures.withTimers(Fixtures.withStatus(q, JobExecutionStatus.SUCCEEDED),
                new ExecutionTimers(20L, at("13:00:00"), null));
        assertNull(ExecutionViews.toJobExecution(stale, at("12:00:00")).approximateSecondsBeforeTimedOut());
    }

    @Test
    @DisplayName("JobExecutionSummary and JobExecutionState views")
    void summaryAndState() {
        ExecutionRecord q = QueuedExecutions.queue(THING, "job1", 4, null, T0);
        assertEquals(new JobExecutionSummary("job1", T0, null, T0, 1L, 4L), ExecutionViews.toSummary(q));
        assertEquals(new JobExecutionState(JobExecutionStatus.QUEUED, Map.of(), 1L), ExecutionViews.toState(q));
        assertEquals(ExecutionViews.toJobExecution(q, T0).summary(), ExecutionViews.toSummary(q));
    }

    @Test
    @DisplayName("UpdateJobExecution response: includeJobExecutionState / includeJobDocument 'The default is false'")
    void updateResponse() {
        ExecutionRecord q = QueuedExecutions.queue(THING, "job1", 1, null, T0);
        UpdateJobExecutionRequest plain = Fixtures.update("job1", JobExecutionStatus.IN_PROGRESS);
        UpdateJobExecutionResponse none = ExecutionViews.toUpdateResponse(q, plain, "{}", at("12:00:00"));
        assertEquals(new UpdateJobExecutionResponse(null, null, at("12:00:00"), "token-1"), none);
        UpdateJobExecutionRequest both = new UpdateJobExecutionRequest(THING, "job1", JobExecutionStatus.IN_PROGRESS,
                null, null, null, true, true, null, null);
        UpdateJobExecutionResponse full = ExecutionViews.toUpdateResponse(q, both, "{}", at("12:00:00"));
        assertEquals(ExecutionViews.toState(q), full.executionState());
        assertEquals("{}", full.jobDocument());
        assertNull(full.clientToken());
    }
}
