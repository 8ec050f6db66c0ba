package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
import static io.edgejobs.test.support.SdkRequests.describe;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgejobs.api.jobs.ServiceTransitions;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.emulator.internal.cloud.CloudExecution;
import io.edgejobs.emulator.internal.cloud.CreateJobSpec;
import io.edgejobs.emulator.internal.cloud.RetryCriterion;
import io.edgejobs.emulator.internal.cloud.ThingChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import io.edgejobs.test.support.SdkDevice;

/**
 * The cloud decided otherwise while the gateway was away (docs/reconciliation.md, cases 2 to 6): the owner of the
 * decision wins, the conflict is in the audit, and the device (AWS IoT Device SDK v2) is told through notify-next.
 */
class GatewayConflictsTest {

    private static final String THING = "lathe-5";
    private static final String ARN = "arn:aws:iot:us-east-1:123456789012:thing/" + THING;

    @TempDir
    Path dir;
    private GatewayFixture gateway;
    private SdkDevice device;
    private BlockingQueue<NextJobExecutionChangedEvent> next;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.start(dir);
        device = gateway.sdkDevice(THING);
        next = device.nextJobStream();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    /** job-1 started online (v2), job-2 queued behind it; then the cloud goes away. */
    private void twoJobsTheFirstStartedThenOffline() throws Exception {
        gateway.createJob("job-1", "{\"cut\":1}", THING);
        gateway.createJob("job-2", "{\"cut\":2}", THING);
        assertEquals(2, await(device.jobs().startNextPendingJobExecution(startNext(THING, null))).execution
                .versionNumber);
        gateway.assertCacheMatchesCloud(THING);
        gateway.cloudGoesAway();
        next.clear();
    }

    private int progress(String jobId, int version, String step) throws Exception {
        return await(device.jobs().updateJobExecution(update(THING, jobId, JobStatus.IN_PROGRESS, version,
                details("step", step)))).executionState.versionNumber;
    }

    private ConflictRecord onlyConflict() {
        List<ConflictRecord> conflicts = gateway.store.conflicts(10);
        assertEquals(1, conflicts.size(), conflicts::toString);
        return conflicts.get(0);
    }

    /** The next notify-next the device gets that matches; earlier ones are passed over. */
    private NextJobExecutionChangedEvent nextMatching(Predicate<NextJobExecutionChangedEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            NextJobExecutionChangedEvent event = next.poll(1, TimeUnit.SECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no such notify-next within 20 s");
    }

    private static boolean announces(NextJobExecutionChangedEvent event, String jobId) {
        return event.execution != null && jobId.equals(event.execution.jobId);
    }

    @Test
    void case2CancelledInTheCloudWhileTheDeviceFinishedOfflineTheCloudWinsAndItsVersionNeverGoesBack()
            throws Exception {
        // given the device finished job-1 offline (v3, v4), and was told job-2 is next
        twoJobsTheFirstStartedThenOffline();
        int version = progress("job-1", 2, "half");
        assertEquals(4, await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.SUCCEEDED, version,
                details("result", "cut")))).executionState.versionNumber);
        assertEquals("job-2", nextMatching(e -> e.execution != null).execution.jobId);
        // while the cloud cancelled job-1 (force)
        gateway.cloud.controlPlane().cancelJobExecution("job-1", THING, true, null, null);

        // when the link comes back
        gateway.cloudComesBack();

        // then the cloud's CANCELED stands, the device's updates are dropped, and the conflict is in the audit
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "CANCELED v3 {}");
        // devices are shown the cloud's CANCELED one past the v4 they were told
        gateway.assertCacheMatchesCloudPresenting(THING, "job-1#1", 5);
        ConflictRecord conflict = onlyConflict();
        assertEquals(new ConflictRecord(conflict.id(), conflict.recordedAt(), THING, "job-1", 1,
                ConflictKind.CANCELED_IN_CLOUD, io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED, 4L,
                io.edgejobs.api.jobs.JobExecutionStatus.CANCELED, 3L, 2, conflict.detail()), conflict);
        // and the device reads the cloud's decision at v5, proxied (the cloud says v3), and offline alike
        assertTerminalAt("job-1", JobStatus.CANCELED, 5);
        gateway.cloudGoesAway();
        assertTerminalAt("job-1", JobStatus.CANCELED, 5);
        gateway.cloudComesBack();
        assertTerminalAt("job-1", JobStatus.CANCELED, 5);
        assertEquals("CANCELED v3 {}", gateway.cloudView(THING).get("job-1#1"), "the cloud is untouched");
    }

    /**
     * The device describes the execution and finds it terminal at the version; an update on that version gets the
     * rejection AWS gives for a terminal execution, carrying that version.
     */
    private void assertTerminalAt(String jobId, JobStatus status, int version) throws Exception {
        var described = await(device.jobs().describeJobExecution(describe(THING, jobId))).execution;
        assertEquals(status, described.status);
        assertEquals(version, described.versionNumber);
        V2ErrorResponse refused = rejection(device.jobs().updateJobExecution(update(THING, jobId, JobStatus.SUCCEEDED,
                version, null)), RejectedErrorCode.INVALID_STATE_TRANSITION);
        assertEquals(status, refused.executionState.status);
        assertEquals(version, refused.executionState.versionNumber);
    }

    @Test
    void case2CancelledInTheCloudWhileTheDeviceStillWorkedTheDeviceMovesOnToTheNextJob() throws Exception {
        // given the device reported progress on job-1 offline, while the cloud cancelled it (force)
        twoJobsTheFirstStartedThenOffline();
        assertEquals(3, progress("job-1", 2, "half"));
        gateway.cloud.controlPlane().cancelJobExecution("job-1", THING, true, null, null);

        // when the link comes back
        gateway.cloudComesBack();

        // then notify-next tells the device job-2 is its next job now
        NextJobExecutionChangedEvent moved = nextMatching(e -> announces(e, "job-2"));
        assertEquals(JobStatus.QUEUED, moved.execution.status);
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "CANCELED v3 {}");
        gateway.assertCacheMatchesCloudPresenting(THING, "job-1#1", 4);
        assertEquals(ConflictKind.CANCELED_IN_CLOUD, onlyConflict().kind());
        // and its next update of job-1, on the v3 it was told, meets the cloud's CANCELED at v4
        V2ErrorResponse refused = rejection(device.jobs().updateJobExecution(update(THING, "job-1",
                JobStatus.IN_PROGRESS, 3, null)), RejectedErrorCode.VERSION_MISMATCH);
        assertEquals(JobStatus.CANCELED, refused.executionState.status);
        assertEquals(4, refused.executionState.versionNumber);
    }

    @Test
    void case3DeletedInTheCloudTheExecutionLeavesTheGatewayToo() throws Exception {
        // given progress on job-1 offline, while the cloud deleted the job (force)
        twoJobsTheFirstStartedThenOffline();
        progress("job-1", 2, "half");
        gateway.cloud.controlPlane().deleteJob("job-1", true);

        // when
        gateway.cloudComesBack();

        // then job-2 is next, job-1 is gone everywhere, and the audit says so
        nextMatching(e -> announces(e, "job-2"));
        gateway.awaitOutboxReplayed();
        gateway.assertCacheMatchesCloud(THING);
        assertNull(gateway.cacheView(THING).get("job-1#1"));
        ConflictRecord conflict = onlyConflict();
        assertEquals(ConflictKind.DELETED_IN_CLOUD, conflict.kind());
        assertNull(conflict.cloudStatus());
        assertEquals(1, conflict.droppedEntries());
        rejection(device.jobs().describeJobExecution(describe(THING, "job-1")), RejectedErrorCode.RESOURCE_NOT_FOUND);
    }

    @Test
    void case3bRemovedInTheCloudWhileTheDeviceStartedItOffline() throws Exception {
        // given a queued job the device starts offline, while the cloud removes it (the thing left its targets)
        gateway.createJob("job-1", "{\"cut\":1}", THING);
        gateway.assertCacheMatchesCloud(THING);
        gateway.cloudGoesAway();
        assertEquals(2, await(device.jobs().startNextPendingJobExecution(startNext(THING, null))).execution
                .versionNumber);
        next.clear();
        removeInTheCloud("job-1");

        // when
        gateway.cloudComesBack();

        // then nothing is pending for the device any more
        nextMatching(e -> e.execution == null);
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "REMOVED v2 {}");
        gateway.assertCacheMatchesCloudPresenting(THING, "job-1#1", 3);
        assertEquals(ConflictKind.REMOVED_IN_CLOUD, onlyConflict().kind());
    }

    @Test
    void case4TimedOutInTheCloudWhileTheDeviceWorkedTheRetryIsAnnounced() throws Exception {
        // given a job with a 1-minute in-progress timeout and one retry on timeout, started online
        gateway.cloud.controlPlane().createJob(new CreateJobSpec("job-1", List.of(ARN), "{\"cut\":1}", null, null,
                null, 1L, List.of(new RetryCriterion(RetryCriterion.FailureType.TIMED_OUT, 1)), null));
        assertEquals(2, await(device.jobs().startNextPendingJobExecution(startNext(THING, null))).execution
                .versionNumber);
        gateway.assertCacheMatchesCloud(THING);
        gateway.cloudGoesAway();
        // the device keeps working offline, while the cloud's clock runs past the timeout
        assertEquals(3, progress("job-1", 2, "half"));
        gateway.cloud.advanceClock(Duration.ofMinutes(2));
        next.clear();

        // when
        gateway.cloudComesBack();

        // then the cloud's TIMED_OUT stands and the retry it queued is the device's next job
        NextJobExecutionChangedEvent retry = nextMatching(e -> announces(e, "job-1"));
        assertEquals(2, retry.execution.executionNumber);
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "TIMED_OUT v3 {}");
        gateway.assertCacheMatchesCloudPresenting(THING, "job-1#1", 4);
        ConflictRecord conflict = onlyConflict();
        assertEquals(ConflictKind.TIMED_OUT_IN_CLOUD, conflict.kind());
        assertEquals(3L, conflict.localVersion());
    }

    @Test
    void case5JobsQueuedDuringTheOutageAreAnnouncedAsTheCloudWouldHave() throws Exception {
        // given nothing pending, and the cloud away
        gateway.cloudGoesAway();

        // when a job is created meanwhile, and the link comes back
        gateway.createJob("job-new", "{\"cut\":9}", THING);
        gateway.cloudComesBack();

        // then notify-next brings it, with its document
        NextJobExecutionChangedEvent announced = nextMatching(e -> announces(e, "job-new"));
        assertEquals(9, ((Number) announced.execution.jobDocument.get("cut")).intValue());
        gateway.assertCacheMatchesCloud(THING);
        assertEquals(List.of(), gateway.store.conflicts(10));
    }

    @Test
    void case6StartNextOfflinePickedAJobTheCloudCancelledAndTheNewOneIsAnnounced() throws Exception {
        // given job-a queued; offline, the device starts it
        gateway.createJob("job-a", "{\"cut\":1}", THING);
        gateway.assertCacheMatchesCloud(THING);
        gateway.cloudGoesAway();
        assertEquals("job-a", await(device.jobs().startNextPendingJobExecution(startNext(THING, null))).execution
                .jobId);
        // while the cloud cancelled job-a and queued job-b
        gateway.cloud.controlPlane().cancelJob("job-a", false, null, null);
        gateway.createJob("job-b", "{\"cut\":2}", THING);
        next.clear();

        // when
        gateway.cloudComesBack();

        // then the device is sent on to job-b, and the gateway agrees with the cloud
        NextJobExecutionChangedEvent moved = nextMatching(e -> announces(e, "job-b"));
        assertNotNull(moved.execution.jobDocument);
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-a#1", "CANCELED v2 {}");
        gateway.assertCacheMatchesCloudPresenting(THING, "job-a#1", 3);
        assertEquals(ConflictKind.CANCELED_IN_CLOUD, onlyConflict().kind());
    }

    @Test
    void anotherClientMovedTheExecutionInTheCloudTheReplayRealignsAndVersionsOnlyGoForward() throws Exception {
        // given the device reports progress on job-1 offline (v3, v4)
        twoJobsTheFirstStartedThenOffline();
        assertEquals(4, progress("job-1", progress("job-1", 2, "half"), "most"));
        // while another client of the cloud reported progress on the same execution (cloud v3)
        otherClientReports("job-1", io.edgejobs.api.jobs.JobExecutionStatus.IN_PROGRESS, 2, "by", "operator");

        // when the link comes back
        gateway.cloudComesBack();

        // then the replay re-sent the device's updates on the cloud's version: the cloud ends with the device's
        // last status and details, one version further on than the device was told, and the audit says so
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "IN_PROGRESS v5 {step=most}");
        gateway.assertCacheMatchesCloud(THING);
        ConflictRecord conflict = onlyConflict();
        assertEquals(ConflictKind.VERSION_REALIGNED, conflict.kind());
        assertEquals(3L, conflict.cloudVersion());
        assertEquals(0, conflict.droppedEntries());
        // and what the device sees next never goes back: its v4 meets the cloud's v5, which it then goes on from
        V2ErrorResponse behind = rejection(device.jobs().updateJobExecution(update(THING, "job-1",
                JobStatus.SUCCEEDED, 4, null)), RejectedErrorCode.VERSION_MISMATCH);
        assertEquals(5, behind.executionState.versionNumber);
        assertEquals(5, await(device.jobs().describeJobExecution(describe(THING, "job-1"))).execution
                .versionNumber);
        assertEquals(6, await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.SUCCEEDED, 5,
                details("result", "cut")))).executionState.versionNumber);
        gateway.awaitCloudHas(THING, "job-1#1", "SUCCEEDED v6 {result=cut}");
    }

    @Test
    void anotherClientEndedTheExecutionInTheCloudItsStatusWinsAndTheDeviceMovesOn() throws Exception {
        // given the device reports progress on job-1 offline (v3)
        twoJobsTheFirstStartedThenOffline();
        assertEquals(3, progress("job-1", 2, "half"));
        // while another client of the cloud reported job-1 SUCCEEDED (cloud v3)
        otherClientReports("job-1", io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED, 2, "by", "operator");

        // when the link comes back
        gateway.cloudComesBack();

        // then the cloud's SUCCEEDED stands, audited; the device is sent on to job-2
        NextJobExecutionChangedEvent moved = nextMatching(e -> announces(e, "job-2"));
        assertEquals(JobStatus.QUEUED, moved.execution.status);
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "SUCCEEDED v3 {by=operator}");
        gateway.assertCacheMatchesCloudPresenting(THING, "job-1#1", 4);
        ConflictRecord conflict = onlyConflict();
        assertEquals(ConflictKind.ENDED_IN_CLOUD, conflict.kind());
        assertEquals(3L, conflict.localVersion());
        assertEquals(3L, conflict.cloudVersion());
        assertEquals(1, conflict.droppedEntries());
        // and job-1 is shown SUCCEEDED one past the v3 the device was told, proxied and offline alike
        assertTerminalAt("job-1", JobStatus.SUCCEEDED, 4);
        gateway.cloudGoesAway();
        assertTerminalAt("job-1", JobStatus.SUCCEEDED, 4);
    }

    @Test
    void anotherClientsSucceededWinsOverTheFailedTheDeviceReportedOfflineAndTheLossIsAudited() throws Exception {
        // given the device reported job-1 FAILED offline (v3) and was told job-2 is next
        twoJobsTheFirstStartedThenOffline();
        assertEquals(3, await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.FAILED, 2,
                details("error", "jam")))).executionState.versionNumber);
        assertEquals("job-2", nextMatching(e -> e.execution != null).execution.jobId);
        // while another client of the cloud reported job-1 SUCCEEDED (cloud v3)
        otherClientReports("job-1", io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED, 2, "by", "operator");

        // when the link comes back
        gateway.cloudComesBack();

        // then the cloud's SUCCEEDED stands, the device's FAILED is dropped and audited, never silently lost
        gateway.awaitOutboxReplayed();
        gateway.awaitCloudHas(THING, "job-1#1", "SUCCEEDED v3 {by=operator}");
        gateway.assertCacheMatchesCloudPresenting(THING, "job-1#1", 4);
        ConflictRecord conflict = onlyConflict();
        assertEquals(new ConflictRecord(conflict.id(), conflict.recordedAt(), THING, "job-1", 1,
                ConflictKind.ENDED_IN_CLOUD, io.edgejobs.api.jobs.JobExecutionStatus.FAILED, 3L,
                io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED, 3L, 1, conflict.detail()), conflict);
        // and job-1 reads SUCCEEDED one past the v3 the device was told; job-2 is still its next job
        assertTerminalAt("job-1", JobStatus.SUCCEEDED, 4);
        assertEquals("job-2", await(device.jobs().describeJobExecution(describe(THING, "$next"))).execution.jobId);
    }

    /** Another client of the cloud (not through the gateway) updates the thing's execution in the emulator. */
    private void otherClientReports(String jobId, io.edgejobs.api.jobs.JobExecutionStatus status, long expectedVersion,
            String... details) throws Exception {
        gateway.cloud.dataPlane().updateJobExecution(new io.edgejobs.api.dataplane.UpdateJobExecutionRequest(THING,
                jobId, status, details(details), expectedVersion, null, false, false, null, "other-client"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** REMOVED has no control-plane call in the emulator: the test changes the cloud's execution on its lane. */
    private void removeInTheCloud(String jobId) throws Exception {
        gateway.cloud.cloud().onLane(THING, () -> {
            Instant now = gateway.cloud.cloud().now();
            ThingChange change = gateway.cloud.cloud().change(THING);
            CloudExecution execution = change.thing().latest(jobId).orElseThrow();
            change.put(execution.withRecord(ServiceTransitions.remove(execution.record(), now).after(), false))
                    .commit(now);
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
