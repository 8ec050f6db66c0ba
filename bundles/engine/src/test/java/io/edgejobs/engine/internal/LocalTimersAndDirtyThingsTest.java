package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.DOC;
import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static io.edgejobs.engine.internal.EngineFixture.rejection;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.ExecutionRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway standing in for the cloud: timers fire locally while the cloud is unreachable, and an execution the
 * devices changed offline (dirty) is never overwritten by the cloud's older view of it.
 */
class LocalTimersAndDirtyThingsTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private EngineFixture gateway;
    private final DeviceInbox devices = new DeviceInbox();

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions(), clock);
        gateway.engine.addNotificationListener(devices);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private ExecutionRecord running(String jobId, Instant stepDeadline) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new ExecutionRecord(THING, jobId, 1, JobExecutionStatus.IN_PROGRESS, Map.of("step", "1"), now, now,
                now, 2, new ExecutionTimers(null, null, stepDeadline));
    }

    private ExecutionRecord queuedLater(String jobId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
        return new ExecutionRecord(THING, jobId, 1, JobExecutionStatus.QUEUED, Map.of(), now, null, now, 1, null);
    }

    @Test
    void aTimerThatFiresOfflineTimesTheExecutionOutWithNotificationsAndNoOutboxEntry() throws Exception {
        // given job-a running with a step deadline a minute ahead, job-b queued behind it, the cloud unreachable
        Instant deadline = clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(60);
        gateway.cache(running("job-a", deadline), queuedLater("job-b"));

        // when the deadline passes
        clock.advance(Duration.ofSeconds(61));
        await(gateway.engine.sweepTimers());

        // then job-a is TIMED_OUT at its deadline, one version on, and the devices move on to job-b
        ExecutionRecord timedOut = gateway.cached("job-a");
        assertEquals(JobExecutionStatus.TIMED_OUT, timedOut.status());
        assertEquals(3, timedOut.versionNumber());
        assertEquals(deadline, timedOut.lastUpdatedAt());
        assertEquals(Map.of("step", "1"), timedOut.statusDetails());
        await().atMost(Duration.ofSeconds(5)).until(() -> !devices.notifyNext.isEmpty());
        assertEquals("job-b v1", devices.lastNext());
        assertEquals(1, devices.notify.size());
        // a timeout is the cloud's decision: nothing to replay
        assertEquals(0, gateway.store.outboxSize());
    }

    @Test
    void anUpdateAfterTheDeadlineMeetsTheTimeoutEvenBeforeTheSweep() throws Exception {
        // given
        gateway.cache(running("job-a", clock.instant().plusSeconds(60)));
        clock.advance(Duration.ofSeconds(61));

        // when the device reports progress with the version it knows
        JobsException refused = rejection(gateway.engine.updateJobExecution(new UpdateJobExecutionRequest(THING,
                "job-a", JobExecutionStatus.IN_PROGRESS, Map.of("step", "2"), null, null, false, false, null,
                "t-1")), ErrorCode.InvalidStateTransition);

        // then it is refused as the cloud would, and the timeout is stored
        assertEquals(JobExecutionStatus.TIMED_OUT, refused.executionState().status());
        assertEquals(3, refused.executionState().versionNumber());
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.cached("job-a").status());
        assertEquals(0, gateway.store.outboxSize());
    }

    @Test
    void aDirtyThingIsAnsweredLocallyAndItsExecutionKeepsWhatTheDeviceWasTold() throws Exception {
        // given job-a started offline (local version 2, one outbox entry)
        gateway.cache(queuedLater("job-a"));
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));
        // and a cloud that still shows job-a QUEUED at version 1
        JobExecution cloudView = new JobExecution("job-a", THING, DOC, JobExecutionStatus.QUEUED, Map.of(),
                gateway.cached("job-a").queuedAt(), null, T0, 1, 1, null);
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(cloudView.summary()), T0, r.clientToken()));
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                cloudView, T0, r.clientToken()));

        // when the link comes back, but the replay cannot get the update through (the link drops again at once)
        gateway.connect();
        gateway.engine.thingSeen(THING);
        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.upstream.received(UpdateJobExecutionRequest.class)
                .isEmpty());

        // then the cache keeps what the device was told
        assertEquals(JobExecutionStatus.IN_PROGRESS, gateway.cached("job-a").status());
        assertEquals(2, gateway.cached("job-a").versionNumber());
        assertEquals(1, gateway.store.outboxSize());

        // and the device's own requests are answered locally, not with the cloud's older view
        GetPendingJobExecutionsResponse pending = await(gateway.engine.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest(THING, "device-1")));
        JobExecutionSummary listed = pending.inProgressJobs().get(0);
        assertEquals("job-a", listed.jobId());
        assertEquals(2, listed.versionNumber());
        assertTrue(gateway.upstream.received(GetPendingJobExecutionsRequest.class).stream()
                .noneMatch(r -> "device-1".equals(r.clientToken())), "not forwarded");

        // and the cloud's notify-next (older than what the device knows) is not relayed as it is
        gateway.engine.nextJobExecutionChanged(THING, new NextJobExecutionChangedEvent(cloudView, T0));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(devices.notifyNext::isEmpty);
        assertEquals(2, gateway.cached("job-a").versionNumber());
    }
}
