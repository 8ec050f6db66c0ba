package io.edgejobs.emulator;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
import static io.edgejobs.emulator.DeviceHappyPathTest.assertRecent;
import static io.edgejobs.emulator.DeviceHappyPathTest.details;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException;
import io.edgejobs.test.support.SdkDevice;

/** Every rejection a device can meet, as AWS's IotJobsV2Client receives it on {@code .../rejected}. */
class DeviceRejectionsTest {

    private static final String THING = "valve-3";
    private static final String DOCUMENT = "{\"operation\":\"calibrate\"}";

    private EmulatorFixture cloud;

    @AfterEach
    void stop() throws Exception {
        cloud.close();
    }

    @Test
    void anUnknownJobIsResourceNotFound() throws Exception {
        cloud = EmulatorFixture.start();
        SdkDevice device = cloud.device(THING);

        V2ErrorResponse update = rejection(device.jobs().updateJobExecution(update("no-such-job",
                JobStatus.IN_PROGRESS)), RejectedErrorCode.RESOURCE_NOT_FOUND);
        assertNull(update.executionState);
        assertRecent(update.timestamp);
        assertNotNull(update.clientToken);

        rejection(device.jobs().describeJobExecution(describe("no-such-job", null)),
                RejectedErrorCode.RESOURCE_NOT_FOUND);
    }

    @Test
    void anExecutionNumberThatDoesNotExistIsResourceNotFound() throws Exception {
        cloud = EmulatorFixture.start();
        SdkDevice device = cloud.device(THING);
        cloud.createJob("job-a", DOCUMENT, THING);

        rejection(device.jobs().describeJobExecution(describe("job-a", 2L)), RejectedErrorCode.RESOURCE_NOT_FOUND);
        UpdateJobExecutionRequest update = update("job-a", JobStatus.IN_PROGRESS);
        update.executionNumber = 2L;
        rejection(device.jobs().updateJobExecution(update), RejectedErrorCode.RESOURCE_NOT_FOUND);
        // the execution that exists is untouched
        assertEquals(JobStatus.QUEUED, await(device.jobs().describeJobExecution(describe("job-a", 1L))).execution.status);
    }

    @Test
    void aStaleExpectedVersionIsVersionMismatchWithTheCurrentState() throws Exception {
        cloud = EmulatorFixture.start();
        SdkDevice device = cloud.device(THING);
        cloud.createJob("job-a", DOCUMENT, THING);

        UpdateJobExecutionRequest update = update("job-a", JobStatus.IN_PROGRESS);
        update.expectedVersion = 7;
        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update),
                RejectedErrorCode.VERSION_MISMATCH);

        assertNotNull(error.executionState, "VersionMismatch carries executionState");
        assertEquals(JobStatus.QUEUED, error.executionState.status);
        assertEquals(1, error.executionState.versionNumber);
    }

    @Test
    void updatingATerminalExecutionIsInvalidStateTransitionWithTheCurrentState() throws Exception {
        cloud = EmulatorFixture.start();
        SdkDevice device = cloud.device(THING);
        cloud.createJob("job-a", DOCUMENT, THING);
        UpdateJobExecutionRequest succeed = update("job-a", JobStatus.SUCCEEDED);
        succeed.statusDetails = details("result", "done");
        await(device.jobs().updateJobExecution(succeed));

        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update("job-a", JobStatus.IN_PROGRESS)),
                RejectedErrorCode.INVALID_STATE_TRANSITION);

        assertNotNull(error.executionState, "InvalidStateTransition carries executionState");
        assertEquals(JobStatus.SUCCEEDED, error.executionState.status);
        assertEquals(2, error.executionState.versionNumber);
        assertEquals("done", error.executionState.statusDetails.get("result"));
    }

    @Test
    void badParametersAreInvalidRequest() throws Exception {
        cloud = EmulatorFixture.start();
        SdkDevice device = cloud.device(THING);
        cloud.createJob("job-a", DOCUMENT, THING);

        UpdateJobExecutionRequest tooLong = update("job-a", JobStatus.IN_PROGRESS);
        tooLong.statusDetails = details("log", "x".repeat(1025));
        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(tooLong), RejectedErrorCode.INVALID_REQUEST);
        assertTrue(error.message.contains("statusDetails"), error.message);
        assertNull(error.executionState);

        UpdateJobExecutionRequest serviceStatus = update("job-a", JobStatus.CANCELED);
        rejection(device.jobs().updateJobExecution(serviceStatus), RejectedErrorCode.INVALID_REQUEST);

        StartNextPendingJobExecutionRequest badTimer = new StartNextPendingJobExecutionRequest();
        badTimer.thingName = THING;
        badTimer.stepTimeoutInMinutes = 0L;
        rejection(device.jobs().startNextPendingJobExecution(badTimer), RejectedErrorCode.INVALID_REQUEST);

        // none of them changed the execution
        assertEquals(1, await(device.jobs().describeJobExecution(describe("job-a", null))).execution.versionNumber);
    }

    @Test
    void describingATerminalExecutionIsTerminalStateReachedWhenConfigured() throws Exception {
        cloud = EmulatorFixture.start(s -> s.withDataPlane(
                io.edgejobs.emulator.internal.EmulatorSettings.dataPlane(1024,
                        io.edgejobs.api.jobs.StatusDetailsMode.REPLACE, true)));
        SdkDevice device = cloud.device(THING);
        cloud.createJob("job-a", DOCUMENT, THING);
        await(device.jobs().updateJobExecution(update("job-a", JobStatus.REJECTED)));

        V2ErrorResponse error = rejection(device.jobs().describeJobExecution(describe("job-a", null)),
                RejectedErrorCode.TERMINAL_STATE_REACHED);
        assertNull(error.executionState);
    }

    @Test
    void requestsAboveTheAccountWriteRateAreRequestThrottled() throws Exception {
        cloud = EmulatorFixture.start(s -> s.withThrottle(new ThrottleLimits(0, 0, 1)));
        SdkDevice device = cloud.device(THING);
        cloud.createJob("job-a", DOCUMENT, THING);

        List<CompletableFuture<?>> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            StartNextPendingJobExecutionRequest r = new StartNextPendingJobExecutionRequest();
            r.thingName = THING;
            burst.add(device.jobs().startNextPendingJobExecution(r));
        }
        int throttled = 0;
        for (CompletableFuture<?> f : burst) {
            try {
                f.get(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                V2ErrorResponse error = ((V2ErrorResponseException) e.getCause()).getModeledError();
                assertEquals(RejectedErrorCode.REQUEST_THROTTLED, error.code);
                throttled++;
            }
        }
        assertTrue(throttled >= 3, "a burst of 6 writes at 1 write/s: " + throttled + " throttled");
    }

    private static UpdateJobExecutionRequest update(String jobId, JobStatus status) {
        UpdateJobExecutionRequest r = new UpdateJobExecutionRequest();
        r.thingName = THING;
        r.jobId = jobId;
        r.status = status;
        return r;
    }

    private static DescribeJobExecutionRequest describe(String jobId, Long executionNumber) {
        DescribeJobExecutionRequest r = new DescribeJobExecutionRequest();
        r.thingName = THING;
        r.jobId = jobId;
        r.executionNumber = executionNumber;
        return r;
    }
}
