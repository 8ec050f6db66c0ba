package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.DOC;
import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.StoreChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An execution started offline whose local timer fired before the replayed start reached the cloud
 * (docs/reconciliation.md, "Timers of an execution started offline"): the start is replayed without conflict, and
 * the thing stays answered locally until the cloud confirms the timeout, or until the bound re-describes it.
 * Real SQLite store, scripted cloud, a clock the test moves.
 */
class TimersOfAnExecutionStartedOfflineTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private EngineFixture gateway;
    private final DeviceInbox devices = new DeviceInbox();
    private ExecutionRecord a;
    private JobExecution cloudB;
    private Instant cloudStart;
    /** job-a as the scripted cloud holds it. */
    private final AtomicReference<JobExecution> cloudA = new AtomicReference<>();
    /** Whether the scripted cloud accepts updates without their new state. */
    private volatile boolean stateless;
    /** Whether the scripted cloud's describes fail. */
    private volatile boolean describeFails;

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions(), clock);
        gateway.engine.addNotificationListener(devices);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void theThingIsAnsweredLocallyUntilTheCloudConfirmsTheTimeoutAndNoVersionGoesBack() throws Exception {
        // given job-a started offline, timed out locally (v3), its start replayed: the cloud holds IN_PROGRESS v2
        givenTimedOutLocallyAndReplayed();
        UpdateJobExecutionRequest replayed = gateway.upstream.received(UpdateJobExecutionRequest.class).get(0);
        assertEquals(JobExecutionStatus.IN_PROGRESS, replayed.status());
        assertEquals(1L, replayed.expectedVersion());
        assertEquals(ThingReplay.SHORTEST_STEP_TIMEOUT_MINUTES, replayed.stepTimeoutInMinutes());
        assertEquals(0, gateway.engine.replayStatistics().conflicts());
        assertTrue(gateway.store.conflicts(10).isEmpty());
        // (the exported replay status says the same, with the last replay)
        ReplayStatus status = gateway.engine.replayStatus();
        assertEquals(1, status.sent());
        assertEquals(1, status.confirmed());
        assertEquals(0, status.conflicts());
        assertEquals(THING, status.lastReplay().thingName());
        assertEquals(ReplayStatus.Outcome.COMPLETE, status.lastReplay().outcome());
        assertEquals(1, status.lastReplay().sent());
        assertEquals(1, status.lastReplay().confirmedExecutions());
        assertTrue(!status.lastReplay().endedAt().isBefore(status.lastReplay().startedAt()));
        CloudState confirmed = gateway.store.cloudState(THING, "job-a", 1).orElseThrow();
        assertEquals(JobExecutionStatus.IN_PROGRESS, confirmed.status());
        assertEquals(2, confirmed.versionNumber());
        assertEquals(Set.of(THING), gateway.engine.awaitedTimeouts().held());
        int proxiedBefore = gateway.upstream.received.size();

        // when a device asks within the minute the cloud still shows job-a IN_PROGRESS
        DescribeJobExecutionResponse describedA = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, "job-a", 1L, false, "d-1")));
        DescribeJobExecutionResponse next = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, DescribeJobExecutionRequest.NEXT, null, false, "d-2")));
        GetPendingJobExecutionsResponse pending = await(gateway.engine.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest(THING, "p-1")));

        // then it is answered locally: TIMED_OUT v3, never IN_PROGRESS v2; the next job is job-b, not job-a again
        assertEquals(JobExecutionStatus.TIMED_OUT, describedA.execution().status());
        assertEquals(3, describedA.execution().versionNumber());
        assertEquals("job-b", next.execution().jobId());
        assertTrue(pending.inProgressJobs().isEmpty());
        assertEquals(List.of("job-b"), pending.queuedJobs().stream().map(s -> s.jobId()).toList());
        assertEquals(proxiedBefore, gateway.upstream.received.size(), "nothing was proxied");

        // when the cloud's own step timer fires and it sends its notifications (the sweep's bound not reached)
        cloudTimesOut();
        gateway.engine.jobExecutionsChanged(THING, new JobExecutionsChangedEvent(Map.of(JobExecutionStatus.QUEUED,
                List.of(cloudB.summary())), clock.instant()));
        gateway.engine.nextJobExecutionChanged(THING, new NextJobExecutionChangedEvent(cloudB, clock.instant()));

        // then the gateway describes job-a, learns the cloud's TIMED_OUT v3 and proxies the thing again
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.awaitedTimeouts().held().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.prefetchesPending() == 0);
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.store.cloudState(THING, "job-a", 1).orElseThrow()
                .status());
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.cached("job-a").status());
        assertEquals(3, gateway.cached("job-a").versionNumber());
        assertEquals(cloudStart.plusSeconds(60), gateway.cached("job-a").lastUpdatedAt());
        // and the devices are told nothing new: they moved on to job-b at the local timeout
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> devices.notify.isEmpty() && devices.notifyNext.isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.prefetchesPending() == 0);
        // and a device now asking the cloud (proxied) sees the same TIMED_OUT v3
        int proxiedNow = gateway.upstream.received.size();
        DescribeJobExecutionResponse proxied = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, "job-a", 1L, false, "d-3")));
        assertEquals(proxiedNow + 1, gateway.upstream.received.size(), "proxied");
        assertEquals(JobExecutionStatus.TIMED_OUT, proxied.execution().status());
        assertEquals(3, proxied.execution().versionNumber());
        assertTrue(gateway.store.conflicts(10).isEmpty());
    }

    @Test
    void whenTheCloudStillShowsItRunningAfterTheBoundTheDisagreementIsAuditedAndTheThingProxiedAgain()
            throws Exception {
        // given the thing held and a cloud that never times job-a out
        givenTimedOutLocallyAndReplayed();

        // when less than the bound passed: the sweep describes nothing
        clock.advance(AwaitedTimeouts.RECHECK_AFTER.minusSeconds(5));
        await(gateway.engine.awaitedTimeouts().sweep());
        assertEquals(Set.of(THING), gateway.engine.awaitedTimeouts().held());
        int describes = gateway.upstream.received(DescribeJobExecutionRequest.class).size();

        // when the bound passed
        clock.advance(Duration.ofSeconds(6));
        await(gateway.engine.awaitedTimeouts().sweep());

        // then job-a was described once more, the disagreement audited once with both sides, the thing proxied
        // again (the sync that follows the release may describe job-a once more)
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).size() > describes);
        assertTrue(gateway.engine.awaitedTimeouts().held().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.prefetchesPending() == 0);
        assertEquals(1, gateway.store.conflicts(10).size());
        ConflictRecord audit = gateway.store.conflicts(10).get(0);
        assertEquals(ConflictKind.VERSION_REALIGNED, audit.kind());
        assertEquals(JobExecutionStatus.TIMED_OUT, audit.localStatus());
        assertEquals(3L, audit.localVersion());
        assertEquals(JobExecutionStatus.IN_PROGRESS, audit.cloudStatus());
        assertEquals(2L, audit.cloudVersion());
        // and the local record keeps what the devices were told: its version never goes back
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.cached("job-a").status());
        assertEquals(3, gateway.cached("job-a").versionNumber());
    }

    @Test
    void whenTheCloudEndedItOtherwiseTheCloudWinsAtAVersionAboveTheLocalOne() throws Exception {
        // given the thing held; in the cloud another client cancelled job-a meanwhile (v3)
        givenTimedOutLocallyAndReplayed();
        cloudA.set(new JobExecution("job-a", THING, DOC, JobExecutionStatus.CANCELED, Map.of("step", "1"),
                a.queuedAt(), cloudStart, cloudStart.plusSeconds(20), 3, 1, null));

        // when the bound passed
        clock.advance(AwaitedTimeouts.RECHECK_AFTER);
        await(gateway.engine.awaitedTimeouts().sweep());

        // then the cloud's CANCELED wins (the cloud owns the decision), presented one past the local TIMED_OUT v3
        assertTrue(gateway.engine.awaitedTimeouts().held().isEmpty());
        ConflictRecord audit = gateway.store.conflicts(10).get(0);
        assertEquals(ConflictKind.CANCELED_IN_CLOUD, audit.kind());
        assertEquals(3L, audit.localVersion());
        assertEquals(3L, audit.cloudVersion());
        assertEquals(JobExecutionStatus.CANCELED, gateway.cached("job-a").status());
        assertEquals(4, gateway.cached("job-a").versionNumber());
    }

    @Test
    void aFailedDescribeAtTheBoundIsTriedAgainAndTheThingStaysLocalMeanwhile() throws Exception {
        // given the thing held, and the cloud not answering describes
        givenTimedOutLocallyAndReplayed();
        gateway.upstream.describe = r -> CompletableFuture.failedFuture(new JobsException(ErrorCode.InternalError,
                "try later", null));

        // when the bound passed
        clock.advance(AwaitedTimeouts.RECHECK_AFTER);
        await(gateway.engine.awaitedTimeouts().sweep());

        // then the thing is still held, and the next try comes after the retry delay
        assertEquals(Set.of(THING), gateway.engine.awaitedTimeouts().held());
        cloudTimesOut();
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                "job-a".equals(r.jobId()) ? cloudA.get() : cloudB, clock.instant(), r.clientToken()));
        clock.advance(AwaitedTimeouts.RETRY_AFTER);
        await(gateway.engine.awaitedTimeouts().sweep());
        assertTrue(gateway.engine.awaitedTimeouts().held().isEmpty());
        assertTrue(gateway.store.conflicts(10).isEmpty());
    }

    @Test
    void aGatewayRestartedWithinTheWindowKeepsAnsweringTheThingLocallyUntilTheCloudConfirmsTheTimeout()
            throws Exception {
        // given the thing held (job-a TIMED_OUT v3 locally, IN_PROGRESS v2 in the cloud)
        givenTimedOutLocallyAndReplayed();
        clock.advance(Duration.ofSeconds(20));

        // when the gateway is restarted on the same file within the cloud's minute
        restart();

        // then the new engine holds the thing from the start, before it is connected
        assertEquals(Set.of(THING), gateway.engine.awaitedTimeouts().held());
        // and once connected and synced (the cloud still shows job-a IN_PROGRESS v2), a device is answered locally
        gateway.connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.prefetchesPending() == 0);
        int proxiedBefore = gateway.upstream.received.size();
        DescribeJobExecutionResponse describedA = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, "job-a", 1L, false, "d-1")));
        DescribeJobExecutionResponse next = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, DescribeJobExecutionRequest.NEXT, null, false, "d-2")));
        GetPendingJobExecutionsResponse pending = await(gateway.engine.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest(THING, "p-1")));
        assertEquals(JobExecutionStatus.TIMED_OUT, describedA.execution().status());
        assertEquals(3, describedA.execution().versionNumber());
        assertEquals("job-b", next.execution().jobId());
        assertTrue(pending.inProgressJobs().isEmpty());
        assertEquals(proxiedBefore, gateway.upstream.received.size(), "nothing was proxied");
        assertEquals(Set.of(THING), gateway.engine.awaitedTimeouts().held());

        // when the cloud times job-a out and notifies
        cloudTimesOut();
        gateway.engine.nextJobExecutionChanged(THING, new NextJobExecutionChangedEvent(cloudB, clock.instant()));

        // then the timeout is confirmed and the thing proxied again, with no conflict and nothing announced twice
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.awaitedTimeouts().held().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.prefetchesPending() == 0);
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.store.cloudState(THING, "job-a", 1).orElseThrow()
                .status());
        assertEquals(3, gateway.cached("job-a").versionNumber());
        assertTrue(gateway.store.conflicts(10).isEmpty());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> devices.notify.isEmpty() && devices.notifyNext.isEmpty());
        int proxiedNow = gateway.upstream.received.size();
        await(gateway.engine.describeJobExecution(new DescribeJobExecutionRequest(THING, "job-a", 1L, false, "d-3")));
        assertEquals(proxiedNow + 1, gateway.upstream.received.size(), "proxied");

        // and a gateway restarted once more does not hold the thing: the cloud confirmed the timeout
        restart();
        assertTrue(gateway.engine.awaitedTimeouts().held().isEmpty());
    }

    @Test
    void afterARestartTheBoundIsCountedFromTheStartAndItsVerdictIsNotUndoneByTheNextRestart() throws Exception {
        // given the thing held, a cloud that never times job-a out, and the gateway restarted 50 s into the window
        givenTimedOutLocallyAndReplayed();
        clock.advance(Duration.ofSeconds(50));
        restart();
        gateway.connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.prefetchesPending() == 0);

        // when the bound counted from the replay passed, but not the one counted from the start
        clock.advance(AwaitedTimeouts.RECHECK_AFTER.minusSeconds(5));
        await(gateway.engine.awaitedTimeouts().sweep());

        // then nothing was described yet and the thing is still held
        assertEquals(Set.of(THING), gateway.engine.awaitedTimeouts().held());
        int describes = gateway.upstream.received(DescribeJobExecutionRequest.class).size();

        // when the bound counted from the start passed
        clock.advance(Duration.ofSeconds(6));
        await(gateway.engine.awaitedTimeouts().sweep());

        // then job-a is described, the disagreement audited once, the local TIMED_OUT v3 kept, the thing proxied
        // again (the sync that follows the release may describe job-a once more)
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).size() > describes);
        assertTrue(gateway.engine.awaitedTimeouts().held().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.engine.prefetchesPending() == 0);
        List<ConflictRecord> audit = gateway.store.conflicts(10);
        assertEquals(1, audit.size());
        assertEquals(ConflictKind.VERSION_REALIGNED, audit.get(0).kind());
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.cached("job-a").status());
        assertEquals(3, gateway.cached("job-a").versionNumber());

        // and a gateway restarted afterwards does not hold the thing again (the bound's verdict stands)
        restart();
        assertTrue(gateway.engine.awaitedTimeouts().held().isEmpty());
    }

    @Test
    void aLocalTimeoutWhoseStartWasNeverReplayedIsDirtyAfterARestartNotAwaited() throws Exception {
        // given job-a started offline and timed out locally, its start still in the outbox (never connected)
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
        a = new ExecutionRecord(THING, "job-a", 1, JobExecutionStatus.QUEUED, Map.of(), now, null, now, 1, null);
        gateway.cache(a);
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING,
                Map.of(), 10L, "t-0")));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        await(gateway.engine.sweepTimers());
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.cached("job-a").status());
        // (the cloud's QUEUED v1 recorded after the local timeout: only the outbox tells this one apart)
        await(gateway.store.commit(List.of(new StoreChange.PutCloudState(new CloudState(THING, "job-a", 1,
                JobExecutionStatus.QUEUED, 1, clock.instant())))));

        // when the gateway is restarted
        restart();

        // then the thing is dirty (its start waits for the replay), not awaited
        assertTrue(gateway.engine.awaitedTimeouts().held().isEmpty());
        assertEquals(1, gateway.store.outboxSize());
    }

    @Test
    void anExecutionTheCloudStartedAndTheGatewayTimedOutOfflineIsNotAwaitedAfterARestart() throws Exception {
        // given job-a started through the cloud (IN_PROGRESS v2 confirmed), timed out by the local timer offline
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ExecutionRecord started = new ExecutionRecord(THING, "job-a", 1, JobExecutionStatus.IN_PROGRESS, Map.of(),
                now, now, now, 2, new ExecutionTimers(null, now.plusSeconds(60), null));
        gateway.cache(started);
        await(gateway.store.commit(List.of(new StoreChange.PutCloudState(new CloudState(THING, "job-a", 1,
                JobExecutionStatus.IN_PROGRESS, 2, now)))));
        clock.advance(Duration.ofSeconds(61));
        await(gateway.engine.sweepTimers());
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.cached("job-a").status());
        assertEquals(3, gateway.cached("job-a").versionNumber());

        // when the gateway is restarted
        restart();

        // then it is not awaited: the cloud's timer runs at the same instant as the gateway's, nothing was replayed
        assertTrue(gateway.engine.awaitedTimeouts().held().isEmpty());
    }

    @Test
    void aReplayedStartAcceptedWithoutItsStateIsStillFoundAwaitedAfterARestart() throws Exception {
        // given the cloud's QUEUED v1 recorded before the outage, a cloud accepting the replayed start without
        // its new state, and no describe getting through after the replay
        await(gateway.store.commit(List.of(new StoreChange.PutCloudState(new CloudState(THING, "job-a", 1,
                JobExecutionStatus.QUEUED, 1, clock.instant())))));
        stateless = true;
        describeFails = true;
        givenTimedOutLocallyAndReplayed();
        assertEquals(Set.of(THING), gateway.engine.awaitedTimeouts().held());

        // then the confirmation recorded the cloud's state as the start reached it: IN_PROGRESS v2
        CloudState confirmed = gateway.store.cloudState(THING, "job-a", 1).orElseThrow();
        assertEquals(JobExecutionStatus.IN_PROGRESS, confirmed.status());
        assertEquals(2, confirmed.versionNumber());

        // and when the gateway is restarted, the thing is held again
        restart();
        assertEquals(Set.of(THING), gateway.engine.awaitedTimeouts().held());
    }

    /** Closes the engine and its store, and opens new ones on the same file, with the same scripted cloud. */
    private void restart() throws Exception {
        gateway.close();
        devices.clear();
        gateway = new EngineFixture(dir, EngineFixture.fastOptions(), clock);
        gateway.engine.addNotificationListener(devices);
        scriptCloud();
    }

    /** job-a started offline with a 10-minute step timer, timed out locally (v3), the start replayed (cloud v2). */
    private void givenTimedOutLocallyAndReplayed() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
        a = new ExecutionRecord(THING, "job-a", 1, JobExecutionStatus.QUEUED, Map.of(), now, null, now, 1, null);
        ExecutionRecord b = new ExecutionRecord(THING, "job-b", 1, JobExecutionStatus.QUEUED, Map.of(),
                a.queuedAt().plusSeconds(1), null, a.queuedAt().plusSeconds(1), 1, null);
        gateway.cache(a, b);
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING,
                Map.of("step", "1"), 10L, "t-0")));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        await(gateway.engine.sweepTimers());
        assertEquals(JobExecutionStatus.TIMED_OUT, gateway.cached("job-a").status());
        assertEquals(3, gateway.cached("job-a").versionNumber());
        await().atMost(Duration.ofSeconds(5)).until(() -> !devices.notifyNext.isEmpty());
        assertEquals("job-b v1", devices.lastNext());
        devices.clear();

        cloudStart = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        cloudB = new JobExecution("job-b", THING, DOC, JobExecutionStatus.QUEUED, Map.of(), b.queuedAt(), null,
                b.queuedAt(), 1, 1, null);
        cloudA.set(new JobExecution("job-a", THING, DOC, JobExecutionStatus.IN_PROGRESS, Map.of("step", "1"),
                a.queuedAt(), cloudStart, cloudStart, 2, 1, 60L));
        scriptCloud();

        gateway.connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.store.outboxSize() == 0
                && gateway.engine.prefetchesPending() == 0);
        // the devices are told nothing new by the reconciliation (they already moved on to job-b)
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> devices.notify.isEmpty() && devices.notifyNext.isEmpty());
    }

    /** The scripted cloud answers from {@link #cloudA} and {@link #cloudB}. */
    private void scriptCloud() {
        gateway.upstream.update = r -> r.expectedVersion() == 1
                ? CompletableFuture.completedFuture(new UpdateJobExecutionResponse(stateless ? null
                        : new JobExecutionState(JobExecutionStatus.IN_PROGRESS, Map.of("step", "1"), 2), null,
                        cloudStart, r.clientToken()))
                : CompletableFuture.failedFuture(new JobsException(ErrorCode.VersionMismatch, "no",
                        cloudA.get().state()));
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(cloudA.get().status().isPending()
                ? new GetPendingJobExecutionsResponse(List.of(cloudA.get().summary()), List.of(cloudB.summary()),
                        clock.instant(), r.clientToken())
                : new GetPendingJobExecutionsResponse(List.of(), List.of(cloudB.summary()), clock.instant(),
                        r.clientToken()));
        gateway.upstream.describe = r -> describeFails
                ? CompletableFuture.failedFuture(new JobsException(ErrorCode.InternalError, "try later", null))
                : CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                        "job-a".equals(r.jobId()) ? cloudA.get() : cloudB, clock.instant(), r.clientToken()));
    }

    /** The cloud's 1-minute step timer fires: TIMED_OUT at the version the devices were told locally. */
    private void cloudTimesOut() {
        clock.advance(Duration.ofSeconds(61));
        cloudA.set(new JobExecution("job-a", THING, DOC, JobExecutionStatus.TIMED_OUT, Map.of("step", "1"),
                a.queuedAt(), cloudStart, cloudStart.plusSeconds(60), 3, 1, null));
    }
}
