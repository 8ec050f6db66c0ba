package io.edgejobs.emulator.internal.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.emulator.internal.clock.EmulatorClock;
import io.edgejobs.emulator.internal.store.MemoryCloudStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request arriving after a deadline meets TIMED_OUT even when no sweeper has run (here there is none). */
class DueTimeoutsTest {

    private final EmulatorClock clock = new EmulatorClock(Instant.parse("2026-05-01T08:00:00Z"), 1);
    private final JobsCloud cloud = new JobsCloud(clock, new MemoryCloudStore(), 2, "us-east-1");
    private final EmulatedDataPlane dataPlane = new EmulatedDataPlane(cloud, DataPlaneOptions.DEFAULTS);
    private final ControlPlane controlPlane = new ControlPlane(cloud, new Arns("us-east-1", "123456789012"),
            new RequestValidator(), 100);

    @AfterEach
    void close() {
        cloud.close();
    }

    @Test
    void anUpdateAfterTheStepDeadlineIsRefusedAsTimedOut() throws Exception {
        controlPlane.createJob(new CreateJobSpec("job-1", List.of("dev"), "{\"op\":1}", null, null, null, null, null,
                null));
        dataPlane.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest("dev", null, 1L, null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        clock.advance(Duration.ofSeconds(61));

        ExecutionException e = assertThrows(ExecutionException.class, () -> dataPlane.updateJobExecution(
                new UpdateJobExecutionRequest("dev", "job-1", JobExecutionStatus.SUCCEEDED, null, null, null, false,
                        false, null, null)).toCompletableFuture().get(10, TimeUnit.SECONDS));
        JobsException refused = assertInstanceOf(JobsException.class, e.getCause());
        assertEquals(ErrorCode.InvalidStateTransition, refused.code());
        assertEquals(JobExecutionStatus.TIMED_OUT, refused.executionState().status());
        CloudExecution execution = controlPlane.describeJobExecution("job-1", "dev", null);
        assertEquals(Instant.parse("2026-05-01T08:01:00Z"), execution.record().lastUpdatedAt().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS), "timed out at the deadline, not when noticed");
        assertEquals(JobStatus.COMPLETED, controlPlane.describeJob("job-1").status());
    }
}
