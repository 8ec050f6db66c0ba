package io.edgejobs.emulator;

import static io.edgejobs.test.support.SdkDevice.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.iot.Timestamp;
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
import software.amazon.awssdk.services.iot.model.Job;
import software.amazon.awssdk.services.iot.model.JobExecution;
import io.edgejobs.test.support.SdkDevice;
import io.edgejobs.test.support.SdkRequests;

/**
 * The whole life of a job as a device running AWS's IotJobsV2Client sees it, with the job created and inspected
 * through AWS's IotClient: notifications, StartNext, progress updates, success, and the version numbers AWS counts.
 */
class DeviceHappyPathTest {

    private static final String THING = "pump-7";
    private static final String DOCUMENT = "{\"operation\":\"install\",\"package\":{\"name\":\"agent\",\"version\":3}}";

    private EmulatorFixture cloud;
    private SdkDevice device;

    @BeforeEach
    void start() throws Exception {
        cloud = EmulatorFixture.start();
        device = cloud.device(THING);
    }

    @AfterEach
    void stop() throws Exception {
        cloud.close();
    }

    @Test
    void aJobRunsFromNotificationToSuccessWithAwsVersionNumbers() throws Exception {
        BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();
        BlockingQueue<JobExecutionsChangedEvent> list = device.jobListStream();

        // given a job created through the control plane
        cloud.createJob("firmware-1", DOCUMENT, THING);

        // then notify-next carries the QUEUED execution with its document, notify lists it
        NextJobExecutionChangedEvent queued = poll(next);
        assertEquals("firmware-1", queued.execution.jobId);
        assertEquals(JobStatus.QUEUED, queued.execution.status);
        assertEquals(1, queued.execution.versionNumber);
        assertEquals(1L, queued.execution.executionNumber);
        assertEquals("install", queued.execution.jobDocument.get("operation"));
        assertRecent(queued.timestamp);
        JobExecutionsChangedEvent listed = poll(list);
        assertEquals(1, listed.jobs.get(JobStatus.QUEUED).size());
        assertEquals("firmware-1", listed.jobs.get(JobStatus.QUEUED).get(0).jobId);

        // when the device starts the next job with details
        StartNextPendingJobExecutionRequest startNext = new StartNextPendingJobExecutionRequest();
        startNext.thingName = THING;
        startNext.statusDetails = details("step", "download");
        StartNextJobExecutionResponse started = await(device.jobs().startNextPendingJobExecution(startNext));

        // then it is IN_PROGRESS, version 2, with the document and the details
        // (IotJobsV2Client puts its own UUID token on every request and matches the answer by it)
        assertNotNull(started.clientToken);
        assertEquals(JobStatus.IN_PROGRESS, started.execution.status);
        assertEquals(2, started.execution.versionNumber);
        assertEquals(Map.of("step", "download"), started.execution.statusDetails);
        assertEquals("agent", ((Map<?, ?>) started.execution.jobDocument.get("package")).get("name"));
        assertNotNull(started.execution.startedAt);
        assertRecent(started.timestamp);

        // when it reports progress and then success, each time with the expected version
        UpdateJobExecutionResponse progress = await(device.jobs().updateJobExecution(
                update("firmware-1", JobStatus.IN_PROGRESS, 2, details("step", "install", "progress", "50"))));
        assertEquals(JobStatus.IN_PROGRESS, progress.executionState.status);
        assertEquals(3, progress.executionState.versionNumber);
        assertEquals(Map.of("step", "install", "progress", "50"), progress.executionState.statusDetails);
        assertNull(progress.jobDocument, "includeJobDocument defaults to false on update");

        UpdateJobExecutionResponse done = await(device.jobs().updateJobExecution(
                update("firmware-1", JobStatus.SUCCEEDED, 3, details("result", "ok"))));
        assertEquals(JobStatus.SUCCEEDED, done.executionState.status);
        assertEquals(4, done.executionState.versionNumber);

        // then notify-next says nothing is pending (the first notification since the QUEUED one: starting the
        // job and progress updates publish none), and notify lists nothing
        NextJobExecutionChangedEvent empty = poll(next);
        assertNull(empty.execution);
        assertRecent(empty.timestamp);
        JobExecutionsChangedEvent nothing = poll(list);
        assertTrue(nothing.jobs == null || nothing.jobs.isEmpty(), () -> "jobs: " + nothing.jobs);

        // and the device's describe shows SUCCEEDED, version 4, with the document by default
        DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
        describe.thingName = THING;
        describe.jobId = "firmware-1";
        DescribeJobExecutionResponse described = await(device.jobs().describeJobExecution(describe));
        assertEquals(JobStatus.SUCCEEDED, described.execution.status);
        assertEquals(4, described.execution.versionNumber);
        assertEquals(Map.of("result", "ok"), described.execution.statusDetails);
        assertEquals("install", described.execution.jobDocument.get("operation"));

        GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
        get.thingName = THING;
        GetPendingJobExecutionsResponse pending = await(device.jobs().getPendingJobExecutions(get));
        assertTrue(pending.inProgressJobs.isEmpty());
        assertTrue(pending.queuedJobs.isEmpty());

        // and the control plane agrees
        JobExecution execution = cloud.iot.describeJobExecution(b -> b.jobId("firmware-1").thingName(THING))
                .execution();
        assertEquals("SUCCEEDED", execution.statusAsString());
        assertEquals(4L, execution.versionNumber());
        assertEquals(1L, execution.executionNumber());
        assertEquals(Map.of("result", "ok"), execution.statusDetails().detailsMap());
        assertEquals(cloud.thingArn(THING), execution.thingArn());
        assertTrue(execution.startedAt().isAfter(execution.queuedAt().minusSeconds(1)));
        Job job = cloud.iot.describeJob(b -> b.jobId("firmware-1")).job();
        assertEquals("COMPLETED", job.statusAsString());
        assertEquals(1, job.jobProcessDetails().numberOfSucceededThings());
        assertNotNull(job.completedAt());
        assertEquals(List.of(cloud.thingArn(THING)), job.targets());
    }

    @Test
    void startNextLeavesAnExecutionAlreadyInProgressAloneAndAnUpdateWithoutDetailsKeepsThem() throws Exception {
        cloud.createJob("firmware-2", DOCUMENT, THING);
        StartNextPendingJobExecutionRequest first = new StartNextPendingJobExecutionRequest();
        first.thingName = THING;
        first.statusDetails = details("step", "download");
        assertEquals(2, await(device.jobs().startNextPendingJobExecution(first)).execution.versionNumber);

        // a second StartNext returns the IN_PROGRESS execution unchanged: details, version
        StartNextPendingJobExecutionRequest again = new StartNextPendingJobExecutionRequest();
        again.thingName = THING;
        again.statusDetails = details("step", "something-else");
        StartNextJobExecutionResponse second = await(device.jobs().startNextPendingJobExecution(again));
        assertEquals(JobStatus.IN_PROGRESS, second.execution.status);
        assertEquals(2, second.execution.versionNumber);
        assertEquals(Map.of("step", "download"), second.execution.statusDetails);

        // an update without statusDetails keeps them; the document only when asked for
        UpdateJobExecutionRequest noDetails = update("firmware-2", JobStatus.IN_PROGRESS, 2, null);
        noDetails.includeJobDocument = true;
        UpdateJobExecutionResponse kept = await(device.jobs().updateJobExecution(noDetails));
        assertEquals(Map.of("step", "download"), kept.executionState.statusDetails);
        assertEquals(3, kept.executionState.versionNumber);
        assertEquals("install", kept.jobDocument.get("operation"));

        UpdateJobExecutionRequest bare = update("firmware-2", JobStatus.IN_PROGRESS, 3, null);
        bare.includeJobExecutionState = false;
        UpdateJobExecutionResponse minimal = await(device.jobs().updateJobExecution(bare));
        assertNull(minimal.executionState, "includeJobExecutionState defaults to false");
        assertNull(minimal.jobDocument);
        assertRecent(minimal.timestamp);
    }

    private static UpdateJobExecutionRequest update(String jobId, JobStatus status, int expectedVersion,
            HashMap<String, String> details) {
        return SdkRequests.update(THING, jobId, status, expectedVersion, details);
    }

    static HashMap<String, String> details(String... pairs) {
        return SdkRequests.details(pairs);
    }

    static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(item, "no message within " + SdkDevice.TIMEOUT_SECONDS + " s");
        return item;
    }

    /** The SDK reads timestamps as epoch seconds: a value in milliseconds would land far in the future. */
    static void assertRecent(Timestamp timestamp) {
        assertNotNull(timestamp);
        Duration off = Duration.between(Instant.now(), timestamp.toInstant()).abs();
        assertTrue(off.compareTo(Duration.ofMinutes(1)) < 0, () -> "timestamp " + timestamp.toInstant());
    }
}
