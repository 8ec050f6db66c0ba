package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;
import io.edgejobs.test.support.SdkDevice;
import io.edgejobs.test.support.SdkRequests;

/**
 * A job's whole life through the gateway, online: the device (AWS IoT Device SDK v2) talks to the gateway's local
 * broker, the gateway forwards to the cloud (the emulator) and writes every answer through to its SQLite cache.
 */
class GatewayHappyPathTest {

    private static final String THING = "pump-7";
    private static final String DOCUMENT = "{\"operation\":\"install\",\"package\":{\"name\":\"agent\",\"version\":3}}";

    @TempDir
    Path dir;
    private GatewayFixture gateway;
    private SdkDevice device;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.start(dir);
        device = gateway.sdkDevice(THING);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aJobRunsFromNotificationToSuccessAndTheCacheFollowsTheCloud() throws Exception {
        BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();
        BlockingQueue<JobExecutionsChangedEvent> list = device.jobListStream();

        // given a job created in the cloud
        gateway.createJob("firmware-1", DOCUMENT, THING);

        // then the device hears of it through the gateway, with its document, and the gateway cached both
        NextJobExecutionChangedEvent queued = poll(next);
        assertEquals("firmware-1", queued.execution.jobId);
        assertEquals(JobStatus.QUEUED, queued.execution.status);
        assertEquals(1, queued.execution.versionNumber);
        assertEquals("install", queued.execution.jobDocument.get("operation"));
        assertEquals("firmware-1", poll(list).jobs.get(JobStatus.QUEUED).get(0).jobId);
        assertEquals(DOCUMENT, gateway.store.document("firmware-1").orElseThrow().document());
        gateway.assertCacheMatchesCloud(THING);

        // when the device starts it
        StartNextPendingJobExecutionRequest startNext = new StartNextPendingJobExecutionRequest();
        startNext.thingName = THING;
        startNext.statusDetails = details("step", "download");
        StartNextJobExecutionResponse started = await(device.jobs().startNextPendingJobExecution(startNext));

        // then it is IN_PROGRESS at version 2, and so is the cache the moment the answer is out
        assertNotNull(started.clientToken);
        assertEquals(JobStatus.IN_PROGRESS, started.execution.status);
        assertEquals(2, started.execution.versionNumber);
        assertEquals("agent", ((Map<?, ?>) started.execution.jobDocument.get("package")).get("name"));
        assertEquals("IN_PROGRESS v2 {step=download}", gateway.cacheView(THING).get("firmware-1#1"));

        // when it reports progress and success with the expected versions
        UpdateJobExecutionResponse progress = await(device.jobs().updateJobExecution(
                update("firmware-1", JobStatus.IN_PROGRESS, 2, details("step", "install", "progress", "50"), true)));
        assertEquals(3, progress.executionState.versionNumber);
        assertEquals("IN_PROGRESS v3 {progress=50, step=install}", gateway.cacheView(THING).get("firmware-1#1"));
        UpdateJobExecutionResponse done = await(device.jobs().updateJobExecution(
                update("firmware-1", JobStatus.SUCCEEDED, 3, details("result", "ok"), false)));
        assertNull(done.executionState, "the device did not ask for the state");
        assertEquals("SUCCEEDED v4 {result=ok}", gateway.cacheView(THING).get("firmware-1#1"));

        // then notify-next says nothing is pending
        NextJobExecutionChangedEvent empty = poll(next);
        assertNull(empty.execution);

        // and describe and get-pending agree
        DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
        describe.thingName = THING;
        describe.jobId = "firmware-1";
        DescribeJobExecutionResponse described = await(device.jobs().describeJobExecution(describe));
        assertEquals(JobStatus.SUCCEEDED, described.execution.status);
        assertEquals(4, described.execution.versionNumber);
        assertEquals("install", described.execution.jobDocument.get("operation"));
        GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
        get.thingName = THING;
        GetPendingJobExecutionsResponse pending = await(device.jobs().getPendingJobExecutions(get));
        assertTrue(pending.inProgressJobs.isEmpty());
        assertTrue(pending.queuedJobs.isEmpty());
        gateway.assertCacheMatchesCloud(THING);
    }

    @Test
    void jobsCreatedBeforeTheDeviceConnectedAreCachedByThePrefetch() throws Exception {
        // given two jobs for a thing whose device has not connected yet
        gateway.createJob("early-1", "{\"n\":1}", "latecomer");
        gateway.createJob("early-2", "{\"n\":2}", "latecomer");

        // when its device connects
        gateway.sdkDevice("latecomer");

        // then both executions and documents are in the cache, as the cloud has them
        gateway.assertCacheMatchesCloud("latecomer");
        assertEquals(2, gateway.cacheView("latecomer").size());
        assertEquals("{\"n\":2}", gateway.store.document("early-2").orElseThrow().document());
    }

    static UpdateJobExecutionRequest update(String jobId, JobStatus status, int expectedVersion,
            HashMap<String, String> details, boolean includeState) {
        return SdkRequests.update(THING, jobId, status, expectedVersion, details, includeState);
    }

    static HashMap<String, String> details(String... pairs) {
        return SdkRequests.details(pairs);
    }

    static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(item, "no message within " + SdkDevice.TIMEOUT_SECONDS + " s");
        return item;
    }
}
