package io.edgejobs.emulator.internal.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.emulator.internal.clock.EmulatorClock;
import io.edgejobs.emulator.internal.store.MemoryCloudStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests of one thing are applied in the order they were submitted (so a device may pipeline updates with
 * increasing expectedVersion), while many things are served at once.
 */
class PerThingOrderTest {

    private final JobsCloud cloud = new JobsCloud(new EmulatorClock(Instant.now(), 1), new MemoryCloudStore(), 4, "us-east-1");
    private final EmulatedDataPlane dataPlane = new EmulatedDataPlane(cloud, DataPlaneOptions.DEFAULTS);
    private final ControlPlane controlPlane = new ControlPlane(cloud, new Arns("us-east-1", "123456789012"),
            new RequestValidator(), 100);

    @AfterEach
    void close() {
        cloud.close();
    }

    @Test
    void pipelinedUpdatesOfManyThingsAreEachAppliedInOrder() throws Exception {
        List<String> things = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            things.add("thing-" + i);
        }
        controlPlane.createJob(new CreateJobSpec("job-1", things, "{\"op\":1}", null, null, null, null, null, null));

        List<CompletableFuture<UpdateJobExecutionResponse>> all = new ArrayList<>();
        for (int step = 0; step < 25; step++) {
            for (String thing : things) {
                JobExecutionStatus status = step == 24 ? JobExecutionStatus.SUCCEEDED : JobExecutionStatus.IN_PROGRESS;
                all.add(dataPlane.updateJobExecution(new UpdateJobExecutionRequest(thing, "job-1", status,
                        Map.of("step", Integer.toString(step)), (long) step + 1, null, true, false, null,
                        "t-" + step)).toCompletableFuture());
            }
        }
        for (CompletableFuture<UpdateJobExecutionResponse> f : all) {
            f.get(30, TimeUnit.SECONDS);
        }

        for (String thing : things) {
            CloudExecution e = controlPlane.describeJobExecution("job-1", thing, null);
            assertEquals(JobExecutionStatus.SUCCEEDED, e.record().status());
            assertEquals(26, e.record().versionNumber());
            assertEquals(Map.of("step", "24"), e.record().statusDetails());
        }
        assertEquals(JobStatus.COMPLETED, controlPlane.describeJob("job-1").status());
    }
}
