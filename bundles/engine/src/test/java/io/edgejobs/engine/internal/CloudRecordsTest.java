package io.edgejobs.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudRecordsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static ExecutionRecord cached(JobExecutionStatus status, long version, Instant queuedAt) {
        return new ExecutionRecord("t", "j", 1, status, Map.of("a", "1"), queuedAt,
                status == JobExecutionStatus.QUEUED ? null : T0.plusSeconds(5), T0.plusSeconds(version), version,
                new ExecutionTimers(30L, null, null));
    }

    @Test
    void anOlderAnswerNeverReplacesANewerRecord() {
        ExecutionRecord newer = cached(JobExecutionStatus.IN_PROGRESS, 3, T0);
        ExecutionRecord older = cached(JobExecutionStatus.QUEUED, 1, T0);

        assertFalse(CloudRecords.supersedes(older, newer));
        assertTrue(CloudRecords.supersedes(newer, older));
        assertFalse(CloudRecords.supersedes(newer, newer));
    }

    @Test
    void anotherIncarnationOfTheExecutionReplacesTheCachedOneWhateverItsVersion() {
        // given the job deleted and created again: version 1 again, queued later
        ExecutionRecord old = cached(JobExecutionStatus.SUCCEEDED, 4, T0);
        ExecutionRecord recreated = cached(JobExecutionStatus.QUEUED, 1, T0.plusSeconds(3600));

        assertTrue(CloudRecords.supersedes(recreated, old));
    }

    @Test
    void theSameVersionWithExactTimesReplacesDerivedOnes() {
        ExecutionRecord derived = cached(JobExecutionStatus.IN_PROGRESS, 2, T0);
        ExecutionRecord described = new ExecutionRecord("t", "j", 1, JobExecutionStatus.IN_PROGRESS, Map.of("a", "1"),
                T0, T0.plusSeconds(4), T0.plusSeconds(2), 2, derived.timers());

        assertTrue(CloudRecords.supersedes(described, derived));
    }

    @Test
    void anExecutionFromTheCloudKeepsWhatOnlyTheCacheKnows() {
        // given a cloud answer without the job's timeout setting, with 90 s left
        JobExecution e = new JobExecution("j", "t", null, JobExecutionStatus.IN_PROGRESS, Map.of(), T0,
                T0.plusSeconds(5), T0.plusSeconds(6), 2, 1, 90L);

        // when
        ExecutionRecord r = CloudRecords.fromExecution(e, cached(JobExecutionStatus.QUEUED, 1, T0),
                T0.plusSeconds(10));

        // then the running deadline is the answer's time plus what is left, the setting is kept
        assertEquals(T0.plusSeconds(100), r.timers().inProgressDeadline());
        assertEquals(30L, r.timers().inProgressTimeoutInMinutes());
        assertEquals(2, r.versionNumber());
    }

    @Test
    void anAcceptedStateStartsTheExecutionOnceAndStopsTimersWhenTerminal() {
        ExecutionRecord queued = cached(JobExecutionStatus.QUEUED, 1, T0);

        ExecutionRecord started = CloudRecords.fromState(queued, new JobExecutionState(JobExecutionStatus.IN_PROGRESS,
                Map.of("s", "1"), 2), T0.plusSeconds(20), 10L);
        assertEquals(T0.plusSeconds(20), started.startedAt());
        assertEquals(T0.plusSeconds(20 + 600), started.timers().stepDeadline());
        assertEquals(T0.plusSeconds(20), started.lastUpdatedAt());

        ExecutionRecord done = CloudRecords.fromState(started, new JobExecutionState(JobExecutionStatus.SUCCEEDED,
                Map.of(), 3), T0.plusSeconds(40), null);
        assertEquals(T0.plusSeconds(20), done.startedAt());
        assertNull(done.timers().stepDeadline());
        assertEquals(JobExecutionStatus.SUCCEEDED, done.status());
    }

    @Test
    void onlyAFreshlyQueuedExecutionIsTrustedWithoutDetails() {
        JobExecution fresh = new JobExecution("j", "t", "{}", JobExecutionStatus.QUEUED, Map.of(), T0, null, T0, 1, 1,
                null);
        JobExecution started = new JobExecution("j", "t", "{}", JobExecutionStatus.IN_PROGRESS, Map.of(), T0, T0, T0,
                2, 1, null);

        assertEquals(1, CloudRecords.freshlyQueued(fresh, T0).versionNumber());
        assertNull(CloudRecords.freshlyQueued(started, T0));
    }
}
