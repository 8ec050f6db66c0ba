package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.DOC;
import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static io.edgejobs.engine.internal.EngineFixture.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.store.sqlite.internal.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StartNext and UpdateJobExecution while AWS IoT cannot be reached: applied to the cached executions with the
 * cloud's rules, each accepted change durably committed with its outbox entry before the device hears of it.
 */
class OfflineWritesTest {

    @TempDir
    Path dir;
    private EngineFixture gateway;
    private final DeviceInbox devices = new DeviceInbox();

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions());
        gateway.engine.addNotificationListener(devices);
        // job-a queued before job-b; no upstream connection at all
        gateway.cache(queued("job-a", 0), queued("job-b", 60));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    static ExecutionRecord queued(String jobId, long queuedSecondsAfterT0) {
        Instant queuedAt = T0.plusSeconds(queuedSecondsAfterT0);
        return new ExecutionRecord(THING, jobId, 1, JobExecutionStatus.QUEUED, Map.of(), queuedAt, null, queuedAt, 1,
                new ExecutionTimers(60L, null, null));
    }

    static UpdateJobExecutionRequest update(String jobId, JobExecutionStatus status, Map<String, String> details,
            Long expectedVersion, String token) {
        return new UpdateJobExecutionRequest(THING, jobId, status, details, expectedVersion, null, true, false, null,
                token);
    }

    @Test
    void startNextStartsTheOldestQueuedExecutionAndRecordsItAsAnUpdateInTheOutbox() throws Exception {
        // when
        StartNextPendingJobExecutionResponse started = await(gateway.engine.startNextPendingJobExecution(
                new StartNextPendingJobExecutionRequest(THING, Map.of("step", "download"), 10L, "t-1")));

        // then the device gets job-a IN_PROGRESS at version 2, with its document and timers
        assertEquals("job-a", started.execution().jobId());
        assertEquals(JobExecutionStatus.IN_PROGRESS, started.execution().status());
        assertEquals(2, started.execution().versionNumber());
        assertEquals(Map.of("step", "download"), started.execution().statusDetails());
        assertEquals(DOC, started.execution().jobDocument());
        assertEquals(600L, started.execution().approximateSecondsBeforeTimedOut(), "the 10-minute step timer");
        assertEquals("t-1", started.clientToken());
        // and the outbox holds the start as an UpdateJobExecution pinned to job-a, execution 1, from version 1
        OutboxEntry entry = gateway.store.outbox(THING).get(0);
        assertEquals(new UpdateJobExecutionRequest(THING, "job-a", JobExecutionStatus.IN_PROGRESS,
                Map.of("step", "download"), 1L, 1L, true, false, 10L, "t-1"), entry.request());
        assertEquals(2, entry.localVersionNumber());
        assertEquals(gateway.cached("job-a"), gateway.store.execution(THING, "job-a", 1).orElseThrow());
        // starting the first pending job changes neither the pending set nor the next job: nothing is published
        assertTrue(devices.notify.isEmpty() && devices.notifyNext.isEmpty());

        // when asked again, the IN_PROGRESS execution is returned unchanged and nothing is appended
        StartNextPendingJobExecutionResponse again = await(gateway.engine.startNextPendingJobExecution(
                new StartNextPendingJobExecutionRequest(THING, Map.of("step", "other"), null, "t-2")));
        assertEquals(2, again.execution().versionNumber());
        assertEquals(Map.of("step", "download"), again.execution().statusDetails());
        assertEquals(1, gateway.store.outboxSize());
    }

    @Test
    void updatesFollowTheStateMachineIncrementTheVersionAndAreAcceptedOnlyOnceDurable() throws Exception {
        // given job-a started
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));

        // when the device reports progress, then success, each with the version it was told
        UpdateJobExecutionResponse progress = await(gateway.engine.updateJobExecution(update("job-a",
                JobExecutionStatus.IN_PROGRESS, Map.of("percent", "50"), 2L, "t-1")));
        assertEquals(new JobExecutionState(JobExecutionStatus.IN_PROGRESS, Map.of("percent", "50"), 3),
                progress.executionState());
        assertEquals(2, entriesInAnotherStoreOnTheSameFile().size(), "accepted means committed to the file");
        UpdateJobExecutionResponse done = await(gateway.engine.updateJobExecution(update("job-a",
                JobExecutionStatus.SUCCEEDED, Map.of("percent", "100"), 3L, "t-2")));

        // then
        assertEquals(new JobExecutionState(JobExecutionStatus.SUCCEEDED, Map.of("percent", "100"), 4),
                done.executionState());
        assertEquals("t-2", done.clientToken());
        List<OutboxEntry> entries = entriesInAnotherStoreOnTheSameFile();
        assertEquals(List.of(2L, 3L, 4L), entries.stream().map(OutboxEntry::localVersionNumber).toList());
        assertEquals(List.of(JobExecutionStatus.IN_PROGRESS, JobExecutionStatus.IN_PROGRESS,
                JobExecutionStatus.SUCCEEDED), entries.stream().map(e -> e.request().status()).toList());
        assertEquals(1L, entries.get(1).request().executionNumber(), "the execution is pinned in every entry");
        ExecutionRecord cached = gateway.cached("job-a");
        assertEquals(JobExecutionStatus.SUCCEEDED, cached.status());
        assertEquals(4, cached.versionNumber());
        assertNull(cached.timers().inProgressDeadline(), "a terminal execution has no running timer");
        // and the devices were told as the cloud would: job-a left the pending list, job-b is next
        assertEquals(1, devices.notify.size());
        assertEquals("job-b v1", devices.lastNext());
    }

    @Test
    void refusedUpdatesChangeNothingAndCarryTheLocalState() throws Exception {
        // given job-a started (local version 2)
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));

        // when / then: a stale expectedVersion
        JobsException stale = rejection(gateway.engine.updateJobExecution(update("job-a",
                JobExecutionStatus.IN_PROGRESS, null, 1L, "t-1")), ErrorCode.VersionMismatch);
        assertEquals(new JobExecutionState(JobExecutionStatus.IN_PROGRESS, Map.of(), 2), stale.executionState());
        // an unknown job, another execution number
        rejection(gateway.engine.updateJobExecution(update("job-x", JobExecutionStatus.IN_PROGRESS, null, null,
                "t-2")), ErrorCode.ResourceNotFound);
        rejection(gateway.engine.updateJobExecution(new UpdateJobExecutionRequest(THING, "job-a",
                JobExecutionStatus.IN_PROGRESS, null, null, 2L, false, false, null, "t-3")),
                ErrorCode.ResourceNotFound);
        // a terminal execution cannot change
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.FAILED, null, 2L, "t-4")));
        JobsException terminal = rejection(gateway.engine.updateJobExecution(update("job-a",
                JobExecutionStatus.SUCCEEDED, null, null, "t-5")), ErrorCode.InvalidStateTransition);
        assertEquals(JobExecutionStatus.FAILED, terminal.executionState().status());
        // only the two accepted changes are in the outbox
        assertEquals(2, gateway.store.outboxSize());
        assertEquals(3, gateway.cached("job-a").versionNumber());
    }

    private List<OutboxEntry> entriesInAnotherStoreOnTheSameFile() throws Exception {
        try (TestStores.OpenStore other = TestStores.open(dir.resolve("gateway.db"))) {
            return other.outbox(THING);
        }
    }
}
