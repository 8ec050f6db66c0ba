package io.edgejobs.api.jobs;

import static io.edgejobs.api.jobs.Fixtures.T0;
import static io.edgejobs.api.jobs.Fixtures.THING;
import static io.edgejobs.api.jobs.Fixtures.at;
import static io.edgejobs.api.jobs.Fixtures.queued;
import static io.edgejobs.api.jobs.Fixtures.update;
import static io.edgejobs.api.jobs.Fixtures.withDetails;
import static io.edgejobs.api.jobs.JobExecutionStatus.FAILED;
import static io.edgejobs.api.jobs.JobExecutionStatus.IN_PROGRESS;
import static io.edgejobs.api.jobs.JobExecutionStatus.REJECTED;
import static io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.store.ExecutionRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExecutionUpdatesTest {

    private final ExecutionUpdates updates = new ExecutionUpdates();

    @Nested
    class UpdateJobExecution {

        @Test
        @DisplayName("IN_PROGRESS: version +1, startedAt and lastUpdatedAt = now, in-progress timer started")
        void startsTheExecution() {
            // given a QUEUED execution of a job with a 20-minute in-progress timeout
            ExecutionRecord q = queued("job1", at("11:00:00"), 20L);
            // when the device reports IN_PROGRESS at 12:00 with a step timer of 5 minutes
            ExecutionChange c = updates.applyUpdate(q,
                    update("job1", IN_PROGRESS, Map.of("step", "download"), null, 5L), at("12:00:00"));
            // then
            ExecutionRecord r = c.after();
            assertEquals(q, c.before());
            assertEquals(IN_PROGRESS, r.status());
            assertEquals(q.versionNumber() + 1, r.versionNumber());
            assertEquals(at("12:00:00"), r.startedAt());
            assertEquals(at("12:00:00"), r.lastUpdatedAt());
            assertEquals(at("11:00:00"), r.queuedAt());
            assertEquals(Map.of("step", "download"), r.statusDetails());
            assertEquals(new ExecutionTimers(20L, at("12:20:00"), at("12:05:00")), r.timers());
            assertTrue(c.statusChanged());
        }

        @Test
        @DisplayName("jobs-configurations-details.md: step timers at 12:05/12:10/12:13 under a 20-min in-progress timer → 12:20")
        void stepTimersFollowTheAwsExample() {
            ExecutionRecord r = updates.applyUpdate(queued("job1", at("11:00:00"), 20L),
                    update("job1", IN_PROGRESS), at("12:00:00")).after();
            r = updates.applyUpdate(r, update("job1", IN_PROGRESS, null, null, 7L), at("12:05:00")).after();
            assertEquals(at("12:12:00"), Timeouts.nextDeadline(r.timers()).orElseThrow().at());
            r = updates.applyUpdate(r, update("job1", IN_PROGRESS, null, null, 5L), at("12:10:00")).after();
            assertEquals(at("12:15:00"), Timeouts.nextDeadline(r.timers()).orElseThrow().at());
            r = updates.applyUpdate(r, update("job1", IN_PROGRESS, null, null, 9L), at("12:13:00")).after();
            assertEquals(at("12:20:00"), Timeouts.nextDeadline(r.timers()).orElseThrow().at());
            // startedAt stays the first IN_PROGRESS; every update counted
            assertEquals(at("12:00:00"), r.startedAt());
            assertEquals(5L, r.versionNumber());
        }

        @Test
        @DisplayName("UpdateJobExecution stepTimeoutInMinutes -1 discards the step timer; omitted keeps it")
        void discardStepTimer() {
            ExecutionRecord r = updates.applyUpdate(queued("job1", T0), update("job1", IN_PROGRESS, null, null, 10L),
                    at("12:00:00")).after();
            ExecutionRecord kept = updates.applyUpdate(r, update("job1", IN_PROGRESS), at("12:01:00")).after();
            assertEquals(at("12:10:00"), kept.timers().stepDeadline());
            ExecutionRecord discarded = updates.applyUpdate(kept, update("job1", IN_PROGRESS, null, null, -1L),
                    at("12:02:00")).after();
            assertNull(discarded.timers().stepDeadline());
        }

        @Test
        @DisplayName("'If not specified, the statusDetails are unchanged'; specified ones replace the old (decision)")
        void statusDetailsNullKeepsNonNullReplaces() {
            ExecutionRecord r = withDetails(Fixtures.withStatus(queued("job1", T0), IN_PROGRESS),
                    Map.of("a", "1", "b", "2"));
            ExecutionRecord kept = updates.applyUpdate(r, update("job1", IN_PROGRESS), at("12:00:00")).after();
            assertEquals(Map.of("a", "1", "b", "2"), kept.statusDetails());
            ExecutionRecord replaced = updates.applyUpdate(kept, update("job1", IN_PROGRESS, Map.of("c", "3"), null,
                    null), at("12:01:00")).after();
            assertEquals(Map.of("c", "3"), replaced.statusDetails());
            ExecutionRecord cleared = updates.applyUpdate(replaced, update("job1", IN_PROGRESS, Map.of(), null, null),
                    at("12:02:00")).after();
            assertEquals(Map.of(), cleared.statusDetails());
        }

        @Test
        @DisplayName("StatusDetailsMode.MERGE puts the request's pairs over the current ones, still at most 10 pairs")
        void mergeMode() {
            ExecutionUpdates merging = new ExecutionUpdates(StatusDetailsMode.MERGE, ValidationLimits.DEFAULTS);
            ExecutionRecord r = withDetails(Fixtures.withStatus(queued("job1", T0), IN_PROGRESS),
                    Map.of("a", "1", "b", "2"));
            ExecutionRecord merged = merging.applyUpdate(r, update("job1", IN_PROGRESS, Map.of("b", "3", "c", "4"),
                    null, null), at("12:00:00")).after();
            assertEquals(Map.of("a", "1", "b", "3", "c", "4"), merged.statusDetails());

            Map<String, String> nine = new LinkedHashMap<>();
            for (int i = 0; i < 9; i++) {
                nine.put("k" + i, "v");
            }
            JobsException e = assertThrows(JobsException.class,
                    () -> merging.applyUpdate(merged, update("job1", IN_PROGRESS, nine, null, null), at("12:01:00")));
            assertEquals(ErrorCode.InvalidRequest, e.code());
        }

        @Test
        @DisplayName("expectedVersion mismatch → VersionMismatch with the current executionState (jobs-api.md ErrorResponse)")
        void versionMismatch() {
            // given an execution at version 1
            ExecutionRecord q = queued("job1", T0);
            // when the device expects version 7
            JobsException e = assertThrows(JobsException.class,
                    () -> updates.applyUpdate(q, update("job1", IN_PROGRESS, null, 7L, null), at("12:00:00")));
            // then VersionMismatch with the execution's state
            assertEquals(ErrorCode.VersionMismatch, e.code());
            assertEquals(ExecutionViews.toState(q), e.executionState());
            // and the matching version is accepted
            assertEquals(2L, updates.applyUpdate(q, update("job1", IN_PROGRESS, null, 1L, null), at("12:00:00"))
                    .after().versionNumber());
        }

        @Test
        @DisplayName("The version is checked before the transition: a stale expectedVersion on a terminal execution is VersionMismatch")
        void versionBeforeTransition() {
            ExecutionRecord done = updates.applyUpdate(queued("job1", T0), update("job1", SUCCEEDED),
                    at("12:00:00")).after();
            JobsException mismatch = assertThrows(JobsException.class,
                    () -> updates.applyUpdate(done, update("job1", IN_PROGRESS, null, 1L, null), at("12:01:00")));
            assertEquals(ErrorCode.VersionMismatch, mismatch.code());
            JobsException terminal = assertThrows(JobsException.class,
                    () -> updates.applyUpdate(done, update("job1", IN_PROGRESS, null, 2L, null), at("12:01:00")));
            assertEquals(ErrorCode.InvalidStateTransition, terminal.code());
            assertEquals(new JobExecutionState(SUCCEEDED, Map.of(), 2L), terminal.executionState());
        }

        @Test
        @DisplayName("Terminal status stops the timers; QUEUED→SUCCEEDED directly keeps startedAt empty (decision)")
        void terminalStopsTimers() {
            ExecutionRecord r = updates.applyUpdate(queued("job1", T0, 20L), update("job1", IN_PROGRESS, null, null,
                    5L), at("12:00:00")).after();
            ExecutionChange c = updates.applyUpdate(r, update("job1", FAILED, null, null, 9L), at("12:03:00"));
            assertEquals(new ExecutionTimers(20L, null, null), c.after().timers());
            assertTrue(c.becameTerminal());
            ExecutionRecord direct = updates.applyUpdate(queued("job2", T0), update("job2", SUCCEEDED),
                    at("12:00:00")).after();
            assertNull(direct.startedAt());
            assertEquals(SUCCEEDED, direct.status());
        }

        @Test
        @DisplayName("QUEUED→REJECTED: 'When your device receives an invalid or incompatible request' (iot-jobs-lifecycle.md)")
        void rejectFromQueued() {
            ExecutionRecord r = updates.applyUpdate(queued("job1", T0), update("job1", REJECTED,
                    Map.of("reason", "incompatible"), null, null), at("12:00:00")).after();
            assertEquals(REJECTED, r.status());
            assertEquals(Map.of("reason", "incompatible"), r.statusDetails());
        }

        @Test
        @DisplayName("A device status of CANCELED is InvalidRequest, even when the version does not match")
        void serviceStatusIsInvalidRequest() {
            UpdateJobExecutionRequest req = update("job1", JobExecutionStatus.CANCELED, null, 99L, null);
            JobsException e = assertThrows(JobsException.class,
                    () -> updates.applyUpdate(queued("job1", T0), req, at("12:00:00")));
            assertEquals(ErrorCode.InvalidRequest, e.code());
        }

        @Test
        @DisplayName("executionNumber naming another execution → ResourceNotFound")
        void otherExecutionNumber() {
            UpdateJobExecutionRequest req = new UpdateJobExecutionRequest(THING, "job1", IN_PROGRESS, null, null, 2L,
                    false, false, null, null);
            JobsException e = assertThrows(JobsException.class,
                    () -> updates.applyUpdate(queued("job1", T0), req, at("12:00:00")));
            assertEquals(ErrorCode.ResourceNotFound, e.code());
        }
    }

    @Nested
    class StartNextPendingJobExecution {

        private StartNextPendingJobExecutionRequest request(Map<String, String> details, Long step) {
            return new StartNextPendingJobExecutionRequest(THING, details, step, "t");
        }

        @Test
        @DisplayName("jobs-mqtt-api.md: 'If there is no pending job execution, the response does not include the execution field'")
        void nothingPending() {
            ExecutionRecord done = Fixtures.withStatus(queued("job1", T0), SUCCEEDED);
            assertEquals(Optional.empty(), updates.startNext(List.of(done), request(null, null), at("12:00:00")));
            assertEquals(Optional.empty(), updates.startNext(List.of(), request(null, null), at("12:00:00")));
        }

        @Test
        @DisplayName("'Gets and starts the next pending job execution': the oldest QUEUED becomes IN_PROGRESS with details and step timer")
        void startsOldestQueued() {
            // given two QUEUED executions, job-b queued first
            ExecutionRecord a = queued("job-a", at("10:00:00"), 30L);
            ExecutionRecord b = queued("job-b", at("09:00:00"));
            // when StartNext with statusDetails and a 10-minute step timer
            ExecutionChange c = updates.startNext(List.of(a, b), request(Map.of("p", "0"), 10L), at("12:00:00"))
                    .orElseThrow();
            // then job-b is started
            assertEquals(b, c.before());
            assertEquals("job-b", c.after().jobId());
            assertEquals(IN_PROGRESS, c.after().status());
            assertEquals(Map.of("p", "0"), c.after().statusDetails());
            assertEquals(at("12:00:00"), c.after().startedAt());
            assertEquals(2L, c.after().versionNumber());
            assertEquals(at("12:10:00"), c.after().timers().stepDeadline());
        }

        @Test
        @DisplayName("'IN_PROGRESS executions are returned first'; 'if already IN_PROGRESS its statusDetails are not changed'")
        void inProgressFirstAndUntouched() {
            // given a QUEUED execution queued earlier and an IN_PROGRESS one queued later
            ExecutionRecord old = queued("old", at("08:00:00"));
            ExecutionRecord running = updates.applyUpdate(queued("running", at("09:00:00"), 20L),
                    update("running", IN_PROGRESS, Map.of("p", "50"), null, 5L), at("11:00:00")).after();
            // when StartNext with other details and a step timer
            ExecutionChange c = updates.startNext(List.of(old, running), request(Map.of("p", "0"), 15L),
                    at("12:00:00")).orElseThrow();
            // then the IN_PROGRESS one is returned unchanged: details, step timer and version (decision)
            assertEquals(running, c.after());
            assertFalse(c.changed());
        }

        @Test
        @DisplayName("StartNext without statusDetails leaves the QUEUED execution's details as they are")
        void startWithoutDetails() {
            ExecutionRecord q = withDetails(queued("job1", T0), Map.of("x", "y"));
            ExecutionChange c = updates.startNext(List.of(q), request(null, null), at("12:00:00")).orElseThrow();
            assertEquals(Map.of("x", "y"), c.after().statusDetails());
            assertNull(c.after().timers().stepDeadline());
        }

        @Test
        @DisplayName("Queue order ties: queuedAt, then executionNumber")
        void tieBreak() {
            ExecutionRecord first = QueuedExecutions.queue(THING, "zz", 1, null, T0);
            ExecutionRecord second = QueuedExecutions.queue(THING, "aa", 2, null, T0);
            assertEquals("zz", updates.startNext(List.of(second, first), request(null, null), at("12:00:00"))
                    .orElseThrow().after().jobId());
        }
    }
}
