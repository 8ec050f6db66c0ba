package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkRequests.describe;
import static io.edgejobs.test.support.SdkRequests.getPending;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.cloud.ThingExecutions;
import io.edgejobs.store.sqlite.internal.TestStores;
import io.edgejobs.test.support.SdkDevice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;

/**
 * docs/reconciliation.md, "Timers of an execution started offline", end to end: the device (AWS IoT Device SDK v2)
 * starts a job with a step timer while the cloud (the emulator) is away; the gateway's timer fires first; at
 * reconnect the start is replayed with a 1-minute step timer, and until the emulator times the execution out too,
 * the device keeps being answered locally (TIMED_OUT, never the cloud's IN_PROGRESS at an older version). The
 * gateway's clock and the emulator's are both moved by the test.
 */
class GatewayOfflineTimeoutTest {

    private static final String THING = "oven-7";

    /** The gateway engine's clock: the system's, plus what the test advanced. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.accumulateAndGet(by, Duration::plus);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    @TempDir
    Path dir;
    private final MovableClock gatewayClock = new MovableClock();
    private GatewayFixture gateway;
    private Emulator cloud;
    private TestStores.OpenStore store;
    private SdkDevice device;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.startOnItsOwnClock(dir, gatewayClock);
        cloud = gateway.cloud;
        store = gateway.store;
        device = gateway.sdkDevice(THING);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.knownThings().contains(THING));
        gateway.createJob("job-1", "{\"bake\":180}", THING);
        await().atMost(Duration.ofSeconds(30)).until(() -> "QUEUED v1".equals(cached()));
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void untilTheCloudTimesTheExecutionOutTooTheDeviceIsAnsweredLocallyAndNeverSeesItRunningAgain()
            throws Exception {
        // given the cloud away, the device starts job-1 with a 10-minute step timer
        gateway.cloudGoesAway();
        StartNextPendingJobExecutionRequest start = new StartNextPendingJobExecutionRequest();
        start.thingName = THING;
        start.stepTimeoutInMinutes = 10L;
        StartNextJobExecutionResponse started = await(device.jobs().startNextPendingJobExecution(start));
        assertEquals(2, started.execution.versionNumber);

        // when the gateway's step timer runs out while the cloud is still away
        gatewayClock.advance(Duration.ofMinutes(10).plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> "TIMED_OUT v3".equals(cached()));

        // and the cloud comes back: the start is replayed, the cloud holds job-1 IN_PROGRESS v2 (its timer: 1 minute)
        gateway.cloudComesBack();
        gateway.awaitOutboxReplayed();
        await().atMost(Duration.ofSeconds(10)).until(() -> "IN_PROGRESS v2".equals(inCloud()));

        // then within that minute the device still sees TIMED_OUT v3, answered by the gateway, and nothing pending
        DescribeJobExecutionResponse described = await(device.jobs().describeJobExecution(describe(THING, "job-1")));
        assertEquals(JobStatus.TIMED_OUT, described.execution.status);
        assertEquals(3, described.execution.versionNumber);
        GetPendingJobExecutionsResponse pending = await(device.jobs().getPendingJobExecutions(getPending(THING)));
        assertTrue(pending.inProgressJobs.isEmpty() && pending.queuedJobs.isEmpty(), "nothing pending");
        assertEquals("IN_PROGRESS v2", inCloud(), "the cloud has not timed it out yet");

        // when the cloud's 1-minute step timer fires (the emulator's clock moved on)
        cloud.advanceClock(Duration.ofMinutes(2));

        // then the two agree at TIMED_OUT v3: the gateway learned it and proxies the thing again
        assertEquals("TIMED_OUT v3", inCloud());
        await().atMost(Duration.ofSeconds(15)).until(() -> store.cloudState(THING, "job-1", 1)
                .map(c -> c.status() == JobExecutionStatus.TIMED_OUT && c.versionNumber() == 3).orElse(false));
        assertEquals("TIMED_OUT v3", cached());
        DescribeJobExecutionResponse after = await(device.jobs().describeJobExecution(describe(THING, "job-1")));
        assertEquals(JobStatus.TIMED_OUT, after.execution.status);
        assertEquals(3, after.execution.versionNumber);
        assertEquals(0, gateway.engine.replayStatus().conflicts());
        assertTrue(store.conflicts(10).isEmpty());
    }

    private String cached() {
        return store.execution(THING, "job-1", 1).map(GatewayOfflineTimeoutTest::view).orElse(null);
    }

    private String inCloud() {
        return cloud.cloud().existingThing(THING).map(ThingExecutions::records).orElse(List.of()).stream()
                .filter(r -> r.jobId().equals("job-1")).findFirst().map(GatewayOfflineTimeoutTest::view).orElse(null);
    }

    private static String view(ExecutionRecord r) {
        return r.status() + " v" + r.versionNumber();
    }
}
