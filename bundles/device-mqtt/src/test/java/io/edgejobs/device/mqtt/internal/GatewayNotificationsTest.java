package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.device.mqtt.internal.GatewayHappyPathTest.poll;
import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
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
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import io.edgejobs.test.support.SdkDevice;

/** The cloud's notifications reach the thing's devices through the gateway, and the cache follows them. */
class GatewayNotificationsTest {

    private static final String THING = "press-2";

    @TempDir
    Path dir;
    private GatewayFixture gateway;
    private SdkDevice device;
    private BlockingQueue<NextJobExecutionChangedEvent> next;
    private BlockingQueue<JobExecutionsChangedEvent> list;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.start(dir);
        device = gateway.sdkDevice(THING);
        next = device.nextJobStream();
        list = device.jobListStream();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aNewJobIsAnnouncedWithItsDocumentAndASecondOneOnlyListed() throws Exception {
        // when a first job is created
        gateway.createJob("job-1", "{\"step\":1}", THING);

        // then notify-next announces it with its document, notify lists it
        NextJobExecutionChangedEvent first = poll(next);
        assertEquals("job-1", first.execution.jobId);
        assertEquals(1, ((Number) first.execution.jobDocument.get("step")).intValue());
        assertEquals(1, poll(list).jobs.get(JobStatus.QUEUED).size());

        // when a second job is queued behind it
        gateway.createJob("job-2", "{\"step\":2}", THING);

        // then only notify tells (the next job is still job-1), and the gateway caches job-2 from that list
        assertEquals(2, poll(list).jobs.get(JobStatus.QUEUED).size());
        gateway.assertCacheMatchesCloud(THING);
        assertTrue(next.isEmpty(), () -> "unexpected notify-next " + next.peek());
        assertEquals("{\"step\":2}", gateway.store.document("job-2").orElseThrow().document());
    }

    @Test
    void aForcedCancelOfTheRunningJobReachesTheDeviceAndItsUpdateIsRefused() throws Exception {
        // given a job the device is running
        gateway.createJob("job-1", "{\"step\":1}", THING);
        poll(next);
        poll(list);
        StartNextPendingJobExecutionRequest startNext = new StartNextPendingJobExecutionRequest();
        startNext.thingName = THING;
        assertEquals(JobStatus.IN_PROGRESS, await(device.jobs().startNextPendingJobExecution(startNext))
                .execution.status);

        // when the operator cancels the execution with force
        gateway.cloud.controlPlane().cancelJobExecution("job-1", THING, true, null, Map.of("reason", "recalled"));

        // then the device hears that nothing is pending any more
        NextJobExecutionChangedEvent nothing = poll(next);
        assertNull(nothing.execution);
        JobExecutionsChangedEvent empty = poll(list);
        assertTrue(empty.jobs == null || empty.jobs.isEmpty(), () -> "jobs " + empty.jobs);
        // and the cache knows it was canceled
        gateway.assertCacheMatchesCloud(THING);
        assertTrue(gateway.cacheView(THING).get("job-1#1").startsWith("CANCELED"),
                () -> gateway.cacheView(THING).toString());

        // when the device, unaware, reports success
        UpdateJobExecutionRequest update = new UpdateJobExecutionRequest();
        update.thingName = THING;
        update.jobId = "job-1";
        update.status = JobStatus.SUCCEEDED;
        V2ErrorResponse refused = rejection(device.jobs().updateJobExecution(update),
                RejectedErrorCode.INVALID_STATE_TRANSITION);

        // then the cloud's refusal comes back with the canceled state
        assertEquals(JobStatus.CANCELED, refused.executionState.status);
        gateway.assertCacheMatchesCloud(THING);
    }
}
