package io.edgejobs.device.http.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.jobs.JobExecutionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iotjobsdataplane.IotJobsDataPlaneClient;
import software.amazon.awssdk.services.iotjobsdataplane.model.DescribeJobExecutionResponse;
import software.amazon.awssdk.services.iotjobsdataplane.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.services.iotjobsdataplane.model.InvalidRequestException;
import software.amazon.awssdk.services.iotjobsdataplane.model.InvalidStateTransitionException;
import software.amazon.awssdk.services.iotjobsdataplane.model.JobExecution;
import software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionSummary;
import software.amazon.awssdk.services.iotjobsdataplane.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iotjobsdataplane.model.StartNextPendingJobExecutionResponse;
import software.amazon.awssdk.services.iotjobsdataplane.model.UpdateJobExecutionResponse;

/**
 * The official AWS SDK for Java v2 iot-jobs-data client against the gateway (plain HTTP on loopback): engine, SQLite
 * cache, Paho upstream and the emulator as AWS IoT. Each test uses its own thing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpGatewaySdkTest {

    private HttpGatewayFixture gateway;
    private IotJobsDataPlaneClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        gateway = HttpGatewayFixture.start(dir);
        client = SdkClients.plain(gateway.port());
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        gateway.close();
    }

    @Test
    void aDeviceRunsItsJobsThroughTheFourOperations() {
        // given two jobs for the thing in the cloud
        String thing = "press-1";
        gateway.createJob("firmware-7", "{\"url\":\"https://example.com/fw-7.bin\",\"size\":1024}", thing);
        gateway.createJob("calibrate-2", "{\"axis\":\"x\"}", thing);

        // when the device asks for its pending jobs
        GetPendingJobExecutionsResponse pending = client.getPendingJobExecutions(r -> r.thingName(thing));
        // then both are queued, oldest first, and the answer carries a request id
        assertEquals(List.of("firmware-7", "calibrate-2"),
                pending.queuedJobs().stream().map(JobExecutionSummary::jobId).toList());
        assertTrue(pending.inProgressJobs().isEmpty());
        assertNotNull(pending.responseMetadata().requestId());
        assertFalse(pending.responseMetadata().requestId().equals("UNKNOWN"), "x-amzn-RequestId is sent");

        // when it starts the next one with progress details
        StartNextPendingJobExecutionResponse started = client.startNextPendingJobExecution(r -> r.thingName(thing)
                .statusDetails(Map.of("step", "download")));
        JobExecution execution = started.execution();
        // then the first job is IN_PROGRESS at version 2 with its document
        assertEquals("firmware-7", execution.jobId());
        assertEquals(JobExecutionStatus.IN_PROGRESS.name(), execution.statusAsString());
        assertEquals(2L, execution.versionNumber());
        assertEquals(Map.of("step", "download"), execution.statusDetails());
        assertEquals("{\"url\":\"https://example.com/fw-7.bin\",\"size\":1024}", execution.jobDocument());

        // when it describes the job with its document
        DescribeJobExecutionResponse described = client.describeJobExecution(r -> r.thingName(thing)
                .jobId("firmware-7").includeJobDocument(true).executionNumber(execution.executionNumber()));
        // then it sees the same execution
        assertEquals(2L, described.execution().versionNumber());
        assertEquals(execution.jobDocument(), described.execution().jobDocument());
        assertEquals(thing, described.execution().thingName());

        // when it reports success with the version it knows
        UpdateJobExecutionResponse updated = client.updateJobExecution(r -> r.thingName(thing).jobId("firmware-7")
                .status(software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionStatus.SUCCEEDED)
                .expectedVersion(2L).includeJobExecutionState(true).statusDetails(Map.of("step", "done")));
        // then the answer has the new state, and AWS IoT (the emulator) has it too
        assertEquals("SUCCEEDED", updated.executionState().statusAsString());
        assertEquals(3L, updated.executionState().versionNumber());
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.cloudExecution(thing, "firmware-7")
                .map(e -> e.status() == JobExecutionStatus.SUCCEEDED).orElse(false));
        // and the other job is the only pending one
        assertEquals(List.of("calibrate-2"), client.getPendingJobExecutions(r -> r.thingName(thing)).queuedJobs()
                .stream().map(JobExecutionSummary::jobId).toList());
    }

    @Test
    void describingTheNextJobWithDollarNextWorks() {
        // given one queued job
        String thing = "press-2";
        gateway.createJob("oil-change", "{\"oil\":\"5W30\"}", thing);
        // when the device describes $next (the SDK percent-encodes it in the path)
        DescribeJobExecutionResponse next = client.describeJobExecution(r -> r.thingName(thing).jobId("$next"));
        // then it gets that job, without its document (HTTPS default: includeJobDocument=false)
        assertEquals("oil-change", next.execution().jobId());
        assertNull(next.execution().jobDocument());
    }

    @Test
    void startNextWithNothingPendingAnswersWithoutExecution() {
        // given a thing without jobs; when it asks for the next job
        StartNextPendingJobExecutionResponse none = client.startNextPendingJobExecution(r -> r.thingName("idle-1"));
        // then the answer is empty
        assertNull(none.execution());
    }

    @Test
    void aStaleExpectedVersionIsAnInvalidStateTransition() {
        // given a started job (version 2)
        String thing = "press-3";
        gateway.createJob("job-v", "{}", thing);
        client.startNextPendingJobExecution(r -> r.thingName(thing));
        // when the device updates with version 1
        InvalidStateTransitionException e = assertThrows(InvalidStateTransitionException.class,
                () -> client.updateJobExecution(r -> r.thingName(thing).jobId("job-v").expectedVersion(1L)
                        .status(software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionStatus.SUCCEEDED)));
        // then it is 409 InvalidStateTransitionException (VersionMismatch's HTTPS shape)
        assertEquals(409, e.statusCode());
        assertEquals("InvalidStateTransitionException", e.awsErrorDetails().errorCode());
        assertNotNull(e.requestId());
    }

    @Test
    void updatingATerminalExecutionIsAnInvalidStateTransition() {
        // given a job that succeeded
        String thing = "press-4";
        gateway.createJob("job-t", "{}", thing);
        client.updateJobExecution(r -> r.thingName(thing).jobId("job-t")
                .status(software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionStatus.IN_PROGRESS));
        client.updateJobExecution(r -> r.thingName(thing).jobId("job-t")
                .status(software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionStatus.SUCCEEDED));
        // when the device sets it back to IN_PROGRESS
        InvalidStateTransitionException e = assertThrows(InvalidStateTransitionException.class,
                () -> client.updateJobExecution(r -> r.thingName(thing).jobId("job-t")
                        .status(software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionStatus.IN_PROGRESS)));
        // then it is refused with 409
        assertEquals(409, e.statusCode());
    }

    @Test
    void anUnknownJobIsResourceNotFound() {
        // when a device describes a job that does not exist
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> client.describeJobExecution(r -> r.thingName("press-5").jobId("no-such-job")));
        // then it is 404 ResourceNotFoundException
        assertEquals(404, e.statusCode());
    }

    @Test
    void aStatusADeviceMayNotSetIsAnInvalidRequest() {
        // when a device sets QUEUED (only the service does)
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> client.updateJobExecution(r -> r.thingName("press-6").jobId("job-q")
                        .status(software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionStatus.QUEUED)));
        // then it is 400 InvalidRequestException
        assertEquals(400, e.statusCode());
    }
}
