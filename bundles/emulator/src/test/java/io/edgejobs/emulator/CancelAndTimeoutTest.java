package io.edgejobs.emulator;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
import static io.edgejobs.emulator.DeviceHappyPathTest.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import software.amazon.awssdk.services.iot.model.InvalidStateTransitionException;
import software.amazon.awssdk.services.iot.model.JobExecution;
import io.edgejobs.test.support.SdkDevice;

/**
 * The service's own moves on an execution a device is working on: a forced cancel, a step timeout, the job's
 * in-progress timeout and a retry after a timeout, with the emulated clock advanced instead of waiting.
 */
class CancelAndTimeoutTest {

    private static final String THING = "robot-2";
    private static final String DOC = "{\"operation\":\"weld\"}";

    private EmulatorFixture cloud;
    private SdkDevice device;
    private BlockingQueue<NextJobExecutionChangedEvent> next;

    @BeforeEach
    void start() throws Exception {
        cloud = EmulatorFixture.start();
        device = cloud.device(THING);
        next = device.nextJobStream();
    }

    @AfterEach
    void stop() throws Exception {
        cloud.close();
    }

    @Test
    void cancellingAnInProgressJobNeedsForceAndThenRejectsTheDevicesUpdate() throws Exception {
        cloud.createJob("weld-1", DOC, THING);
        assertEquals("weld-1", poll(next).execution.jobId);
        startNext(null);

        // without force the IN_PROGRESS execution stays (CancelJobExecution refuses; CancelJob leaves it)
        assertThrows(InvalidStateTransitionException.class,
                () -> cloud.iot.cancelJobExecution(b -> b.jobId("weld-1").thingName(THING)));
        cloud.iot.cancelJob(b -> b.jobId("weld-1").comment("line stopped"));
        assertEquals("IN_PROGRESS", describe("weld-1").statusAsString());
        assertEquals("CANCELED", cloud.iot.describeJob(b -> b.jobId("weld-1")).job().statusAsString());

        // with force it is CANCELED, the device hears that nothing is next
        cloud.iot.cancelJob(b -> b.jobId("weld-1").force(true).reasonCode("SAFETY"));
        assertNull(poll(next).execution);
        JobExecution execution = describe("weld-1");
        assertEquals("CANCELED", execution.statusAsString());
        assertTrue(execution.forceCanceled());

        // and its next update is refused with the state it is in
        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update("weld-1", JobStatus.SUCCEEDED)),
                RejectedErrorCode.INVALID_STATE_TRANSITION);
        assertEquals(JobStatus.CANCELED, error.executionState.status);
        assertEquals(3, error.executionState.versionNumber);
        var job = cloud.iot.describeJob(b -> b.jobId("weld-1")).job();
        assertTrue(job.forceCanceled());
        assertEquals("SAFETY", job.reasonCode());
        assertEquals(1, job.jobProcessDetails().numberOfCanceledThings());
    }

    @Test
    void aStepTimeoutTimesTheExecutionOutWhenTheClockPassesIt() throws Exception {
        cloud.createJob("weld-2", DOC, THING);
        poll(next);
        startNext(5L);
        assertBetween(290, 300, describe("weld-2").approximateSecondsBeforeTimedOut());

        cloud.emulator.clock().advance(Duration.ofMinutes(4));
        assertEquals("IN_PROGRESS", describe("weld-2").statusAsString());
        assertBetween(50, 60, describe("weld-2").approximateSecondsBeforeTimedOut());

        cloud.emulator.advanceClock(Duration.ofMinutes(2));
        JobExecution execution = describe("weld-2");
        assertNull(poll(next).execution, "the timed-out execution left the queue");
        assertEquals("TIMED_OUT", execution.statusAsString());
        assertEquals(3L, execution.versionNumber());
        assertNull(execution.approximateSecondsBeforeTimedOut());
        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update("weld-2", JobStatus.IN_PROGRESS)),
                RejectedErrorCode.INVALID_STATE_TRANSITION);
        assertEquals(JobStatus.TIMED_OUT, error.executionState.status);
    }

    @Test
    void theJobsInProgressTimeoutTimesOutThroughTheAdminClockEndpoint() throws Exception {
        cloud.iot.createJob(b -> b.jobId("weld-3").document(DOC).targets(cloud.thingArn(THING))
                .timeoutConfig(t -> t.inProgressTimeoutInMinutes(10L)));
        poll(next);
        startNext(null);
        // a later step timer cannot extend the job's bound: 10 minutes from the start
        UpdateJobExecutionRequest longStep = update("weld-3", JobStatus.IN_PROGRESS);
        longStep.stepTimeoutInMinutes = 60L;
        await(device.jobs().updateJobExecution(longStep));

        HttpResponse<String> advanced = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.emulator.httpEndpoint() + "/_emulator/clock/advance?minutes=11"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, advanced.statusCode(), advanced.body());

        // the admin call returns once the timers that fell due have fired
        assertEquals("TIMED_OUT", describe("weld-3").statusAsString());
        assertNull(poll(next).execution);
        assertEquals(1, cloud.iot.describeJob(b -> b.jobId("weld-3")).job().jobProcessDetails()
                .numberOfTimedOutThings());
    }

    @Test
    void aTimedOutExecutionIsRetriedAsANewExecutionWhenTheJobSaysSo() throws Exception {
        cloud.iot.createJob(b -> b.jobId("weld-4").document(DOC).targets(cloud.thingArn(THING))
                .jobExecutionsRetryConfig(r -> r.criteriaList(c -> c.failureType("TIMED_OUT").numberOfRetries(1))));
        poll(next);
        startNext(1L);

        cloud.emulator.advanceClock(Duration.ofMinutes(2));
        NextJobExecutionChangedEvent retry = poll(next);
        assertEquals("weld-4", retry.execution.jobId);
        assertEquals(2L, retry.execution.executionNumber);
        assertEquals(JobStatus.QUEUED, retry.execution.status);
        assertEquals(1, retry.execution.versionNumber);

        StartNextJobExecutionResponse second = startNext(1L);
        assertEquals(2L, second.execution.executionNumber);
        cloud.emulator.advanceClock(Duration.ofMinutes(2));
        assertNull(poll(next).execution, "one retry only");
        var summaries = cloud.iot.listJobExecutionsForJob(b -> b.jobId("weld-4")).executionSummaries();
        assertEquals(2, summaries.size());
        assertEquals(1, summaries.get(1).jobExecutionSummary().retryAttempt());
        assertEquals("TIMED_OUT", summaries.get(1).jobExecutionSummary().statusAsString());
        assertEquals("COMPLETED", cloud.iot.describeJob(b -> b.jobId("weld-4")).job().statusAsString());
    }

    /** Real time runs on under the emulated clock, and AWS rounds the seconds left down. */
    private static void assertBetween(long low, long high, Long actual) {
        assertTrue(actual != null && actual >= low && actual <= high, "approximateSecondsBeforeTimedOut " + actual);
    }

    private StartNextJobExecutionResponse startNext(Long stepTimeout) throws Exception {
        StartNextPendingJobExecutionRequest r = new StartNextPendingJobExecutionRequest();
        r.thingName = THING;
        r.stepTimeoutInMinutes = stepTimeout;
        StartNextJobExecutionResponse started = await(device.jobs().startNextPendingJobExecution(r));
        assertEquals(JobStatus.IN_PROGRESS, started.execution.status);
        return started;
    }

    private JobExecution describe(String jobId) {
        return cloud.iot.describeJobExecution(b -> b.jobId(jobId).thingName(THING)).execution();
    }

    private static UpdateJobExecutionRequest update(String jobId, JobStatus status) {
        UpdateJobExecutionRequest r = new UpdateJobExecutionRequest();
        r.thingName = THING;
        r.jobId = jobId;
        r.status = status;
        return r;
    }
}
