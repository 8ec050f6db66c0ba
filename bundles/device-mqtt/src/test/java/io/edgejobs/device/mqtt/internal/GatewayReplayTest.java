package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkRequests.describe;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.engine.internal.ReplayStatistics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import io.edgejobs.test.support.SdkDevice;

/**
 * The outbox replayed at reconnect (docs/reconciliation.md, cases 1, 7 and 10): the device (AWS IoT Device SDK v2)
 * works offline, the emulator is made unreachable and reachable again with its fault injection, and the cloud ends
 * with exactly what the device was told — status, details and version — without a double transition.
 */
class GatewayReplayTest {

    private static final String THING = "mixer-3";

    @TempDir
    Path dir;
    private GatewayFixture gateway;
    private SdkDevice device;

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private void start(int replayRatePerSecond) throws Exception {
        gateway = GatewayFixture.start(dir, s -> s,
                o -> o.withOffline(o.offline().withReplayRate(replayRatePerSecond)));
        device = gateway.sdkDevice(THING);
        gateway.createJob("job-1", "{\"mix\":\"A\"}", THING);
        gateway.assertCacheMatchesCloud(THING);
    }

    /** StartNext then {@code steps} progress updates, offline; returns the last version the device was told. */
    private int startAndProgress(int steps) throws Exception {
        int version = await(device.jobs().startNextPendingJobExecution(startNext(THING, details("step", "0"))))
                .execution.versionNumber;
        for (int step = 1; step <= steps; step++) {
            version = await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.IN_PROGRESS, version,
                    details("step", Integer.toString(step))))).executionState.versionNumber;
        }
        return version;
    }

    @Test
    void case1OfflineProgressThenSuccessReachTheCloudAtTheVersionsTheDeviceWasTold() throws Exception {
        // given the device ran job-1 to SUCCEEDED offline: start (v2), two progress updates (v3, v4), success (v5)
        start(20);
        gateway.cloudGoesAway();
        int version = startAndProgress(2);
        int last = await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.SUCCEEDED, version,
                details("result", "mixed")))).executionState.versionNumber;
        assertEquals(5, last);
        assertEquals(4, gateway.store.outboxSize());

        // when the link comes back
        gateway.cloudComesBack();

        // then the cloud shows the last status and details, at the version the device was last told
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "SUCCEEDED v5 {result=mixed}");
        gateway.assertCacheMatchesCloud(THING);
        ReplayStatistics replay = gateway.engine.replayStatistics();
        assertEquals(4, replay.sent());
        assertEquals(4, replay.confirmed());
        assertEquals(0, replay.conflicts());
        assertEquals(List.of(), gateway.store.conflicts(10));
        // and the thing is proxied to the cloud again: what the device reads comes from there
        assertEquals(5, await(device.jobs().describeJobExecution(describe(THING, "job-1"))).execution.versionNumber);
    }

    @Test
    void case7AnAnswerLostAndTheLinkDroppingMidReplayNeitherDoubleATransitionNorRejectAnything() throws Exception {
        // given five updates made offline (start v2, progress v3..v5, success v6), replayed slowly (2 per second)
        start(2);
        gateway.cloudGoesAway();
        int version = startAndProgress(3);
        assertEquals(6, await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.SUCCEEDED, version,
                details("result", "mixed")))).executionState.versionNumber);

        // when the link comes back, the cloud applies the first replayed update but its answer is lost
        gateway.cloud.faults().loseNextResponses(1, JobsOperation.UPDATE_JOB_EXECUTION);
        gateway.cloudComesBack();
        // and the link drops again while the replay is half-way through
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.store.outboxSize() <= 3);
        gateway.cloud.dropAllConnections();
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.upstream.connection().state()
                == ConnectionState.CONNECTED);

        // then the replay ends with the cloud exactly where the device is: one transition per update
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "SUCCEEDED v6 {result=mixed}");
        gateway.assertCacheMatchesCloud(THING);
        ReplayStatistics replay = gateway.engine.replayStatistics();
        assertEquals(5, replay.confirmed());
        assertTrue(replay.failures() >= 1, "the lost answer was a timeout: " + replay);
        assertTrue(replay.sent() > 5, "the lost one was sent again: " + replay);
        assertEquals(0, replay.conflicts(), "no spurious rejection: " + replay);
        assertEquals(List.of(), gateway.store.conflicts(10));
    }

    @Test
    void case10UpdatesDuringTheReplayGoBehindTheOnesWaitingSoEachExecutionKeepsItsOrder() throws Exception {
        // given a start and three progress updates made offline (v2..v5), replayed at 2 per second
        start(2);
        gateway.cloudGoesAway();
        int version = startAndProgress(3);
        assertEquals(5, version);

        // when the link comes back and, while the replay runs, the device reports more progress and success
        gateway.cloudComesBack();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.engine.replayStatistics().sent() >= 1);
        assertTrue(gateway.store.outboxSize() > 0, "the replay is still running");
        int during = await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.IN_PROGRESS, version,
                details("step", "4")))).executionState.versionNumber;
        int done = await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.SUCCEEDED, during,
                details("result", "mixed")))).executionState.versionNumber;

        // then they were answered at once with the next local versions, and reach the cloud after the others
        assertEquals(6, during);
        assertEquals(7, done);
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "SUCCEEDED v7 {result=mixed}");
        gateway.assertCacheMatchesCloud(THING);
        assertEquals(6, gateway.engine.replayStatistics().confirmed());
        assertEquals(0, gateway.engine.replayStatistics().conflicts());
    }
}
