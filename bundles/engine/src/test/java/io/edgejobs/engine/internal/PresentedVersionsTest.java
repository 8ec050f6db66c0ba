package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static io.edgejobs.engine.internal.EngineFixture.rejection;
import static io.edgejobs.engine.internal.OfflineWritesTest.queued;
import static io.edgejobs.engine.internal.OfflineWritesTest.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.upstream.ConnectionState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The presented version of a terminal conflict (docs/reconciliation.md): once the cloud won with a terminal state
 * at version c over an execution devices were told was at version l, devices are shown p = max(c, l + 1) by every
 * answer, offline and proxied, and the cache never takes c back. Real SQLite store, scripted cloud.
 */
class PresentedVersionsTest {

    /** What the scripted cloud holds for job-a: cancelled while the gateway was away, at version 2. */
    private static final JobExecutionState CLOUD = new JobExecutionState(JobExecutionStatus.CANCELED,
            Map.of("reason", "recall"), 2);
    private static final Instant CANCELED_AT = T0.plusSeconds(300);

    @TempDir
    Path dir;
    private EngineFixture gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions().withOffline(OfflineOptions.DEFAULTS
                .withReplayBackoff(Duration.ofMillis(20), Duration.ofMillis(100))));
        gateway.cache(queued("job-a", 0));
        // offline: the device starts job-a (v2) and reports progress (v3)
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, Map.of("p", "1"), 2L,
                "t-1")));
        // a cloud that cancelled job-a meanwhile, and answers as AWS does for a terminal execution
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(), T0, r.clientToken()));
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                cloudExecution(), CANCELED_AT.plusSeconds(1), r.clientToken()));
        gateway.upstream.update = PresentedVersionsTest::terminalRejection;
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private static JobExecution cloudExecution() {
        return new JobExecution("job-a", THING, EngineFixture.DOC, CLOUD.status(), CLOUD.statusDetails(), T0,
                null, CANCELED_AT, CLOUD.versionNumber(), 1, null);
    }

    /** AWS's order: expectedVersion first (VersionMismatch), then the terminal status (InvalidStateTransition). */
    private static CompletionStage<UpdateJobExecutionResponse> terminalRejection(UpdateJobExecutionRequest r) {
        if (r.expectedVersion() != null && r.expectedVersion() != CLOUD.versionNumber()) {
            return CompletableFuture.failedFuture(new JobsException(ErrorCode.VersionMismatch, "expectedVersion "
                    + r.expectedVersion() + " does not match the job execution's versionNumber 2", CLOUD));
        }
        return CompletableFuture.failedFuture(new JobsException(ErrorCode.InvalidStateTransition,
                "Cannot update a job execution in terminal status CANCELED", CLOUD));
    }

    /** Reconnects and waits until the replay met the cancellation and the sync after it ran. */
    private void reconnectAndResolve() {
        gateway.connect();
        gateway.engine.connectionStateChanged(ConnectionState.CONNECTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.store.outboxSize() == 0
                && gateway.store.conflicts(10).size() == 1);
        // the sync runs once the replay is over (the thing is clean again)
        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.upstream.received(
                GetPendingJobExecutionsRequest.class).isEmpty());
    }

    private long describedVersion(String token) throws Exception {
        return await(gateway.engine.describeJobExecution(new DescribeJobExecutionRequest(THING, "job-a", null, false,
                token))).execution().versionNumber();
    }

    private JobsException updateRejected(Long expectedVersion, ErrorCode expected, String token) throws Exception {
        return rejection(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.SUCCEEDED, null,
                expectedVersion, token)), expected);
    }

    @Test
    void theCloudsTerminalStateIsShownOnePastTheVersionTheDeviceWasToldWhileTheCloudStateKeepsItsOwn()
            throws Exception {
        // when
        reconnectAndResolve();

        // then the record takes the cloud's status and details at v4 (the device was told v3), the cloud state v2
        ExecutionRecord record = gateway.cached("job-a");
        assertEquals(JobExecutionStatus.CANCELED, record.status());
        assertEquals(CLOUD.statusDetails(), record.statusDetails());
        assertEquals(4, record.versionNumber());
        CloudState cloud = gateway.store.cloudState(THING, "job-a", 1).orElseThrow();
        assertEquals(JobExecutionStatus.CANCELED, cloud.status());
        assertEquals(2, cloud.versionNumber());
        ConflictRecord conflict = gateway.store.conflicts(10).get(0);
        assertEquals(ConflictKind.CANCELED_IN_CLOUD, conflict.kind());
        assertEquals(3L, conflict.localVersion());
        assertEquals(2L, conflict.cloudVersion());
    }

    @Test
    void aProxiedDescribeShowsThePresentedVersionAndTheCacheKeepsItWhileTheCloudStateIsRefreshed() throws Exception {
        // given
        reconnectAndResolve();

        // when the device describes job-a: the thing is clean, so the cloud answers CANCELED v2
        long described = describedVersion("d-1");

        // then it is shown at v4, the cache keeps v4, and the cloud state is confirmed again at v2
        assertEquals(4, described);
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).stream()
                .anyMatch(r -> "d-1".equals(r.clientToken())), "proxied");
        assertEquals(4, gateway.cached("job-a").versionNumber());
        CloudState cloud = gateway.store.cloudState(THING, "job-a", 1).orElseThrow();
        assertEquals(2, cloud.versionNumber());
        assertEquals(CANCELED_AT.plusSeconds(1), cloud.confirmedAt(), "confirmed by the describe's answer");
    }

    @Test
    void anUpdateOnThePresentedVersionGetsTheTerminalRejectionAtThatVersionOnlineAndOffline() throws Exception {
        // given
        reconnectAndResolve();

        // when the device updates on v4, the version it was shown
        JobsException online = updateRejected(4L, ErrorCode.InvalidStateTransition, "u-1");

        // then the cloud was asked on its own version v2, and the device gets the terminal rejection at v4
        UpdateJobExecutionRequest sent = gateway.upstream.received(UpdateJobExecutionRequest.class).stream()
                .filter(r -> "u-1".equals(r.clientToken())).findFirst().orElseThrow();
        assertEquals(2L, sent.expectedVersion());
        assertEquals(new JobExecutionState(JobExecutionStatus.CANCELED, CLOUD.statusDetails(), 4),
                online.executionState());
        assertEquals(4, gateway.cached("job-a").versionNumber(), "the rejection's v2 did not roll the cache back");

        // and the same offline
        gateway.upstream.state = ConnectionState.DISCONNECTED;
        gateway.upstream.update = r -> ScriptedUpstream.unavailable();
        JobsException offline = updateRejected(4L, ErrorCode.InvalidStateTransition, "u-2");
        assertEquals(online.executionState(), offline.executionState());
        assertEquals(4, describedVersion("d-2"));
    }

    @Test
    void anUpdateOnAnyOtherVersionIsAVersionMismatchAtThePresentedVersionEvenOnTheCloudsOwn() throws Exception {
        // given
        reconnectAndResolve();

        // when the device sends the cloud's own v2 (which it was never shown), or v3
        JobsException onCloudVersion = updateRejected(2L, ErrorCode.VersionMismatch, "u-1");
        JobsException onOldVersion = updateRejected(3L, ErrorCode.VersionMismatch, "u-2");
        JobsException withoutVersion = updateRejected(null, ErrorCode.InvalidStateTransition, "u-3");

        // then each is refused as AWS refuses it for an execution at v4
        JobExecutionState shown = new JobExecutionState(JobExecutionStatus.CANCELED, CLOUD.statusDetails(), 4);
        assertEquals(shown, onCloudVersion.executionState());
        assertEquals(shown, onOldVersion.executionState());
        assertEquals(shown, withoutVersion.executionState());
        assertTrue(onCloudVersion.getMessage().contains("versionNumber 4"), onCloudVersion::getMessage);
    }

    @Test
    void theRuleItself() {
        ExecutionRecord toldV4 = record(JobExecutionStatus.SUCCEEDED, Map.of("r", "ok"), 4);
        ExecutionRecord toldV2 = record(JobExecutionStatus.IN_PROGRESS, Map.of(), 2);
        ExecutionRecord sameAsCloud = record(JobExecutionStatus.CANCELED, Map.of(), 3);
        JobExecutionState canceledV3 = new JobExecutionState(JobExecutionStatus.CANCELED, Map.of(), 3);
        JobExecutionState canceledV9 = new JobExecutionState(JobExecutionStatus.CANCELED, Map.of(), 9);

        assertEquals(5, PresentedVersions.afterTerminalConflict(toldV4, canceledV3), "one past what was told");
        assertEquals(9, PresentedVersions.afterTerminalConflict(toldV2, canceledV9), "the cloud is further on");
        assertEquals(3, PresentedVersions.afterTerminalConflict(sameAsCloud, canceledV3), "nothing to hide");
        assertEquals(4, PresentedVersions.afterTerminalConflict(record(JobExecutionStatus.CANCELED, Map.of("x", "y"),
                3), canceledV3), "same version, other details");

        CloudState cloudV3 = new CloudState(THING, "job-a", 1, JobExecutionStatus.CANCELED, 3, T0);
        assertTrue(PresentedVersions.maps(record(JobExecutionStatus.CANCELED, Map.of(), 5), cloudV3));
        assertFalse(PresentedVersions.maps(record(JobExecutionStatus.CANCELED, Map.of(), 3), cloudV3), "same");
        assertFalse(PresentedVersions.maps(record(JobExecutionStatus.SUCCEEDED, Map.of(), 5), cloudV3),
                "another status: not the cloud's decision");
        assertFalse(PresentedVersions.maps(record(JobExecutionStatus.IN_PROGRESS, Map.of(), 5),
                new CloudState(THING, "job-a", 1, JobExecutionStatus.IN_PROGRESS, 3, T0)), "not terminal");
        assertFalse(PresentedVersions.maps(record(JobExecutionStatus.CANCELED, Map.of(), 5), null));
    }

    private static ExecutionRecord record(JobExecutionStatus status, Map<String, String> details, long version) {
        return new ExecutionRecord(THING, "job-a", 1, status, details, T0, T0.plusSeconds(10), T0.plusSeconds(20),
                version, ExecutionTimers.NONE);
    }
}
