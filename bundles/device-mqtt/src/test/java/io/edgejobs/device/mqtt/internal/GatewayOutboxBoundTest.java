package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.engine.internal.OutboxFullPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import io.edgejobs.test.support.SdkDevice;

/**
 * Case 11 end to end: a gateway whose outbox holds 2 entries, policy EVICT_SUPERSEDED_PROGRESS. Progress beyond
 * the bound is merged, the terminal status is refused (never lost) until the outbox has drained, and the replay
 * still brings the cloud to the version the device was told.
 */
class GatewayOutboxBoundTest {

    private static final String THING = "drill-8";

    @TempDir
    Path dir;
    private GatewayFixture gateway;

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void case11MergedProgressIsReplayedToTheRightVersionAndTheRefusedSuccessGoesThroughAfterwards()
            throws Exception {
        // given
        gateway = GatewayFixture.start(dir, s -> s, o -> o.withOffline(o.offline()
                .withOutboxBound(2, OutboxFullPolicy.EVICT_SUPERSEDED_PROGRESS)));
        SdkDevice device = gateway.sdkDevice(THING);
        gateway.createJob("job-1", "{\"depth\":40}", THING);
        gateway.assertCacheMatchesCloud(THING);
        gateway.cloudGoesAway();

        // when the device starts (entry 1) and reports progress three times (entry 2, then merged twice)
        int version = await(device.jobs().startNextPendingJobExecution(startNext(THING, null))).execution
                .versionNumber;
        for (int step = 1; step <= 3; step++) {
            version = await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.IN_PROGRESS, version,
                    details("depth", Integer.toString(step * 10))))).executionState.versionNumber;
        }
        // then every progress was accepted, the outbox kept its bound, and the success is refused, not lost
        assertEquals(5, version);
        assertEquals(2, gateway.store.outboxSize());
        OutboxEntry merged = gateway.store.outbox(THING).get(1);
        assertEquals(3, merged.increments());
        V2ErrorResponse full = rejection(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.SUCCEEDED,
                version, details("result", "drilled"))), RejectedErrorCode.REQUEST_THROTTLED);
        assertTrue(full.message.contains("outbox is full"), full.message);

        // when the link comes back
        gateway.cloudComesBack();

        // then the cloud is at the version the device was told, with the newest progress
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "IN_PROGRESS v5 {depth=30}");
        assertEquals(4, gateway.engine.replayStatistics().sent(), "the start, and the merged entry 3 times");
        // and the device's retried success goes through
        assertEquals(6, await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.SUCCEEDED, version,
                details("result", "drilled")))).executionState.versionNumber);
        gateway.awaitCloudHas(THING, "job-1#1", "SUCCEEDED v6 {result=drilled}");
    }
}
