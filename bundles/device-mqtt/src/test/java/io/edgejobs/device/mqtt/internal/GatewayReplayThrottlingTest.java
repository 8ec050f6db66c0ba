package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.getPending;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import io.edgejobs.engine.internal.ReplayStatistics;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import io.edgejobs.test.support.SdkDevice;

/**
 * Case 9: the cloud throttles the replay (the emulator's account-level write rate, as AWS IoT's Jobs quota): the
 * gateway backs off and retries until everything is through, its devices are served meanwhile, and a replay paced
 * under the cloud's rate is never throttled at all.
 */
class GatewayReplayThrottlingTest {

    @TempDir
    Path dir;
    private GatewayFixture gateway;

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    /** A device that ran its job to SUCCEEDED offline: start, {@code steps} progress updates, success. */
    private int runOffline(SdkDevice device, int steps) throws Exception {
        String thing = device.thingName;
        int version = await(device.jobs().startNextPendingJobExecution(startNext(thing, null))).execution
                .versionNumber;
        for (int step = 1; step <= steps; step++) {
            version = await(device.jobs().updateJobExecution(update(thing, "job-" + thing, JobStatus.IN_PROGRESS,
                    version, details("step", Integer.toString(step))))).executionState.versionNumber;
        }
        return await(device.jobs().updateJobExecution(update(thing, "job-" + thing, JobStatus.SUCCEEDED, version,
                details("result", "baked")))).executionState.versionNumber;
    }

    private SdkDevice deviceWithJob(String thing) throws Exception {
        SdkDevice device = gateway.sdkDevice(thing);
        gateway.createJob("job-" + thing, "{\"bake\":true}", thing);
        gateway.assertCacheMatchesCloud(thing);
        return device;
    }

    @Test
    void aThrottledReplayBacksOffAndRetriesWhileTheDevicesAreServed() throws Exception {
        // given a cloud allowing 2 Jobs writes per second, and a gateway replaying up to 20 per second
        gateway = GatewayFixture.start(dir, s -> s.withThrottle(new ThrottleLimits(0, 0, 2)),
                o -> o.withOffline(o.offline().withReplayRate(20)));
        SdkDevice oven1 = deviceWithJob("oven-1");
        SdkDevice oven2 = deviceWithJob("oven-2");
        gateway.cloudGoesAway();
        assertEquals(7, runOffline(oven1, 4));
        assertEquals(7, runOffline(oven2, 4));
        assertEquals(12, gateway.store.outboxSize());

        // when the link comes back
        gateway.cloudComesBack();

        // then the cloud throttles the replay, and meanwhile a device is answered at once from the gateway
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.engine.replayStatistics().throttled() > 0);
        assertTrue(gateway.store.outboxSize() > 0, "the replay is still running");
        long asked = System.nanoTime();
        GetPendingJobExecutionsResponse pending = await(oven1.jobs().getPendingJobExecutions(getPending("oven-1")));
        long answeredMillis = (System.nanoTime() - asked) / 1_000_000;
        assertTrue(pending.inProgressJobs.isEmpty() && pending.queuedJobs.isEmpty(), "the device's own view");
        assertTrue(answeredMillis < 1000, "answered in " + answeredMillis + " ms");

        // and the replay gets everything through, each execution at the version its device was told
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas("oven-1", "job-oven-1#1", "SUCCEEDED v7 {result=baked}");
        gateway.awaitCloudHas("oven-2", "job-oven-2#1", "SUCCEEDED v7 {result=baked}");
        ReplayStatistics replay = gateway.engine.replayStatistics();
        assertEquals(12, replay.confirmed());
        assertEquals(12 + replay.throttled(), replay.sent(), "every throttled update was sent again: " + replay);
        assertEquals(0, replay.conflicts());
    }

    @Test
    void aReplayPacedUnderTheCloudsRateIsNeverThrottled() throws Exception {
        // given a cloud allowing 5 Jobs writes per second, and a gateway replaying at most 4 per second
        gateway = GatewayFixture.start(dir, s -> s.withThrottle(new ThrottleLimits(0, 0, 5)),
                o -> o.withOffline(o.offline().withReplayRate(4)));
        SdkDevice oven = deviceWithJob("oven-3");
        gateway.cloudGoesAway();
        assertEquals(9, runOffline(oven, 6));

        // when the link comes back
        long back = System.nanoTime();
        gateway.cloudComesBack();

        // then the 8 updates take their time and are never refused
        gateway.awaitOutboxReplayed();
        long tookMillis = (System.nanoTime() - back) / 1_000_000;
        gateway.awaitCloudHas("oven-3", "job-oven-3#1", "SUCCEEDED v9 {result=baked}");
        ReplayStatistics replay = gateway.engine.replayStatistics();
        assertEquals(0, replay.throttled(), replay.toString());
        assertEquals(8, replay.sent());
        assertTrue(tookMillis >= 1750, "8 updates at 4 per second take at least 1.75 s, took " + tookMillis + " ms");
    }
}
