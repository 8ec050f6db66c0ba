package io.edgejobs.emulator;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
import static io.edgejobs.emulator.DeviceHappyPathTest.details;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.services.iot.model.Job;
import software.amazon.awssdk.services.iot.model.JobExecution;
import io.edgejobs.test.support.SdkDevice;

/** With a data file, jobs, executions, versions, timers and the emulated clock survive a restart. */
class PersistenceRestartTest {

    private static final String DOC = "{\"operation\":\"flash\"}";

    @TempDir
    Path dir;

    @Test
    void aRestartedEmulatorContinuesWhereItStopped() throws Exception {
        Path file = dir.resolve("state").resolve("emulator.db");
        JobExecution runningBefore;
        JobExecution canceledBefore;
        Instant clockBefore;

        // given a cloud with a running execution (step timer 10 min), a cancelled one, and the clock moved on
        try (EmulatorFixture first = EmulatorFixture.start(s -> s.withDataFile(file))) {
            first.iot.createJob(b -> b.jobId("flash-1").document(DOC).description("v2 firmware")
                    .targets(first.thingArn("ecu-1"), first.thingArn("ecu-2"))
                    .jobExecutionsRetryConfig(r -> r.criteriaList(c -> c.failureType("FAILED").numberOfRetries(2))));
            SdkDevice ecu1 = first.device("ecu-1");
            StartNextPendingJobExecutionRequest start = new StartNextPendingJobExecutionRequest();
            start.thingName = "ecu-1";
            start.stepTimeoutInMinutes = 10L;
            start.statusDetails = details("phase", "erase");
            await(ecu1.jobs().startNextPendingJobExecution(start));
            first.iot.cancelJobExecution(b -> b.jobId("flash-1").thingName("ecu-2"));
            clockBefore = first.emulator.clock().advance(Duration.ofMinutes(3));
            runningBefore = describe(first, "ecu-1");
            canceledBefore = describe(first, "ecu-2");
        }
        assertTrue(Files.size(file) > 0);

        // when it restarts on the same file
        try (EmulatorFixture second = EmulatorFixture.start(s -> s.withDataFile(file))) {
            // then everything is as it was, and the clock did not go back
            assertFalse(second.emulator.clock().instant().isBefore(clockBefore));
            assertSameExecution(runningBefore, describe(second, "ecu-1"));
            assertSameExecution(canceledBefore, describe(second, "ecu-2"));
            Job job = second.iot.describeJob(b -> b.jobId("flash-1")).job();
            assertEquals("v2 firmware", job.description());
            assertEquals(2, job.jobExecutionsRetryConfig().criteriaList().get(0).numberOfRetries());
            assertEquals(DOC, second.iot.getJobDocument(b -> b.jobId("flash-1")).document());

            // and the device carries on with the version it knew
            SdkDevice ecu1 = second.device("ecu-1");
            UpdateJobExecutionRequest stale = new UpdateJobExecutionRequest();
            stale.thingName = "ecu-1";
            stale.jobId = "flash-1";
            stale.status = JobStatus.IN_PROGRESS;
            stale.expectedVersion = 1;
            assertEquals(2, rejection(ecu1.jobs().updateJobExecution(stale), RejectedErrorCode.VERSION_MISMATCH)
                    .executionState.versionNumber);

            // and the step timer still runs: 7 more minutes time it out
            second.emulator.advanceClock(Duration.ofMinutes(8));
            assertEquals("TIMED_OUT", describe(second, "ecu-1").statusAsString());
            assertEquals("COMPLETED", second.iot.describeJob(b -> b.jobId("flash-1")).job().statusAsString());
        }

        // and what happened after the restart is kept too
        try (EmulatorFixture third = EmulatorFixture.start(s -> s.withDataFile(file))) {
            assertEquals("TIMED_OUT", describe(third, "ecu-1").statusAsString());
            assertEquals("COMPLETED", third.iot.describeJob(b -> b.jobId("flash-1")).job().statusAsString());
        }
    }

    @Test
    void withoutADataFileARestartStartsEmpty() throws Exception {
        try (EmulatorFixture first = EmulatorFixture.start()) {
            first.createJob("flash-1", DOC, "ecu-1");
        }
        try (EmulatorFixture second = EmulatorFixture.start()) {
            assertTrue(second.iot.listJobs(b -> b.maxResults(10)).jobs().isEmpty());
        }
    }

    private static JobExecution describe(EmulatorFixture cloud, String thing) {
        return cloud.iot.describeJobExecution(b -> b.jobId("flash-1").thingName(thing)).execution();
    }

    private static void assertSameExecution(JobExecution expected, JobExecution actual) {
        assertEquals(expected.statusAsString(), actual.statusAsString());
        assertEquals(expected.versionNumber(), actual.versionNumber());
        assertEquals(expected.executionNumber(), actual.executionNumber());
        assertEquals(expected.queuedAt(), actual.queuedAt());
        assertEquals(expected.startedAt(), actual.startedAt());
        assertEquals(expected.lastUpdatedAt(), actual.lastUpdatedAt());
        assertEquals(expected.statusDetails(), actual.statusDetails());
        assertEquals(expected.forceCanceled(), actual.forceCanceled());
    }
}
