package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.device.mqtt.internal.GatewayHappyPathTest.poll;
import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
import static io.edgejobs.test.support.SdkRequests.describe;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.getPending;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import io.edgejobs.test.support.SdkDevice;

/**
 * The cloud drops the gateway and refuses it for a while: the device (AWS IoT Device SDK v2) runs a whole job
 * against the gateway alone — reads from the cache, StartNext, progress and SUCCEEDED accepted with the versions
 * the device expects, notify / notify-next as the cloud would send them.
 */
class GatewayCloudOutageTest {

    private static final String THING = "kiln-4";

    @TempDir
    Path dir;
    private GatewayFixture gateway;
    private SdkDevice device;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.start(dir);
        device = gateway.sdkDevice(THING);
        gateway.createJob("job-1", "{\"heat\":900}", THING);
        gateway.assertCacheMatchesCloud(THING);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void theDeviceRunsAWholeJobOfflineWithTheVersionsItExpects() throws Exception {
        BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();
        BlockingQueue<JobExecutionsChangedEvent> list = device.jobListStream();
        gateway.cloudGoesAway();

        // when the device reads, it gets the cached answers, with AWS's rules
        GetPendingJobExecutionsResponse pending = await(device.jobs().getPendingJobExecutions(getPending(THING)));
        assertEquals("job-1", pending.queuedJobs.get(0).jobId);
        DescribeJobExecutionResponse described = await(device.jobs().describeJobExecution(describe(THING, "$next")));
        assertEquals(900, ((Number) described.execution.jobDocument.get("heat")).intValue());
        assertEquals(JobStatus.QUEUED, described.execution.status);

        // when it starts the job, reports progress and success, each with the version it was told
        StartNextJobExecutionResponse started = await(device.jobs().startNextPendingJobExecution(
                startNext(THING, details("step", "heating"))));
        assertEquals("job-1", started.execution.jobId);
        assertEquals(JobStatus.IN_PROGRESS, started.execution.status);
        assertEquals(2, started.execution.versionNumber);
        assertEquals(900, ((Number) started.execution.jobDocument.get("heat")).intValue());
        UpdateJobExecutionResponse progress = await(device.jobs().updateJobExecution(update(THING, "job-1",
                JobStatus.IN_PROGRESS, 2, details("step", "holding", "percent", "50"))));
        assertEquals(3, progress.executionState.versionNumber);
        UpdateJobExecutionResponse done = await(device.jobs().updateJobExecution(update(THING, "job-1",
                JobStatus.SUCCEEDED, 3, details("result", "fired"))));

        // then every write was accepted by the gateway alone
        assertEquals(JobStatus.SUCCEEDED, done.executionState.status);
        assertEquals(4, done.executionState.versionNumber);
        assertEquals(Map.of("result", "fired"), done.executionState.statusDetails);
        assertEquals("SUCCEEDED v4 {result=fired}", gateway.cacheView(THING).get("job-1#1"));
        assertEquals(3, gateway.store.outbox(THING).size());
        assertEquals("QUEUED v1 {}", gateway.cloudView(THING).get("job-1#1"), "the cloud has seen nothing yet");
        // and the devices were told, as the cloud would have: nothing is pending any more
        assertNull(poll(next).execution);
        assertTrue(poll(list).jobs.isEmpty());
        // and what it reads next agrees with what it was told; a stale version is refused as the cloud would
        assertEquals(4, await(device.jobs().describeJobExecution(describe(THING, "job-1"))).execution.versionNumber);
        V2ErrorResponse stale = rejection(device.jobs().updateJobExecution(update(THING, "job-1",
                JobStatus.FAILED, 3, null)), RejectedErrorCode.VERSION_MISMATCH);
        assertEquals(4, stale.executionState.versionNumber);
    }

    @Test
    void afterTheOutageTheCloudGetsTheDevicesStartAndTheDeviceHearsOfTheNewJob() throws Exception {
        // given the device started job-1 offline
        gateway.cloudGoesAway();
        assertEquals(2, await(device.jobs().startNextPendingJobExecution(startNext(THING, null)))
                .execution.versionNumber);
        BlockingQueue<JobExecutionsChangedEvent> list = device.jobListStream();

        // when, meanwhile, the cloud got a second job, and the link comes back
        gateway.createJob("job-2", "{\"heat\":1200}", THING);
        gateway.cloudComesBack();

        // then the start reaches the cloud at the version the device was told, the cache learns job-2 and its
        // document, and the device is told job-2 joined its pending list (job-1 stays its next job)
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "IN_PROGRESS v2 {}");
        gateway.assertCacheMatchesCloud(THING);
        assertEquals("{\"heat\":1200}", gateway.store.document("job-2").orElseThrow().document());
        JobExecutionsChangedEvent listed = poll(list);
        assertEquals("job-1", listed.jobs.get(JobStatus.IN_PROGRESS).get(0).jobId);
        assertEquals("job-2", listed.jobs.get(JobStatus.QUEUED).get(0).jobId);
        assertEquals(0, gateway.engine.replayStatistics().conflicts());
    }
}
