package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.DOC;
import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static io.edgejobs.engine.internal.EngineFixture.execution;
import static io.edgejobs.engine.internal.EngineFixture.record;
import static io.edgejobs.engine.internal.EngineFixture.rejection;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What devices get when the cloud is silent or unreachable (writes: {@link OfflineWritesTest}). */
class UpstreamFailuresTest {

    @TempDir
    Path dir;
    private EngineFixture gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aSilentCloudGivesInternalErrorWithinTheBoundAndTheExecutionIsRecheckedLater() throws Exception {
        // given a connected cloud that never answers updates, but answers describes
        gateway.connect();
        gateway.cache(record("job-1", JobExecutionStatus.IN_PROGRESS, 2));
        gateway.upstream.update = r -> ScriptedUpstream.silence();
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                execution("job-1", JobExecutionStatus.SUCCEEDED, 3, Map.of(), null), T0.plusSeconds(30), null));

        // when
        long started = System.nanoTime();
        JobsException error = rejection(gateway.engine.updateJobExecution(new UpdateJobExecutionRequest(THING,
                "job-1", JobExecutionStatus.SUCCEEDED, null, 2L, null, false, false, null, "t-1")),
                ErrorCode.InternalError);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        // then the answer came at the 800 ms bound, saying the outcome is unknown
        assertTrue(tookMillis >= 700 && tookMillis < 3000, () -> "answered after " + tookMillis + " ms");
        assertTrue(error.getMessage().contains("may or may not"), error::getMessage);
        // and the re-check described the execution upstream and cached what the cloud did
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.cached("job-1").versionNumber() == 3);
        assertEquals(JobExecutionStatus.SUCCEEDED, gateway.cached("job-1").status());
        DescribeJobExecutionRequest recheck = gateway.upstream.received(DescribeJobExecutionRequest.class).get(0);
        assertEquals("job-1", recheck.jobId());
        assertTrue(recheck.clientToken().startsWith("edgejobs-"));
    }

    @Test
    void aRequestStillQueuedWhenTheBoundExpiresIsNotSentAndAnsweredThrottled() throws Exception {
        // given an engine on a hand-moved clock and a connection whose send blocks until released
        gateway.close();
        MutableClock clock = new MutableClock();
        gateway = new EngineFixture(dir, EngineFixture.fastOptions(), clock);
        gateway.connect();
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        gateway.upstream.getPending = r -> {
            sending.countDown();
            awaitQuietly(release);
            return ScriptedUpstream.silence();
        };

        // when two requests of the same thing arrive, and the bound passes while the first is being sent
        var first = gateway.engine.getPendingJobExecutions(new GetPendingJobExecutionsRequest(THING, "t-1"));
        var second = gateway.engine.getPendingJobExecutions(new GetPendingJobExecutionsRequest(THING, "t-2"));
        assertTrue(sending.await(5, TimeUnit.SECONDS));
        clock.advance(Duration.ofSeconds(1));
        release.countDown();

        // then the first times out upstream, the second expired in the queue and was never sent
        rejection(first, ErrorCode.InternalError);
        JobsException throttled = rejection(second, ErrorCode.RequestThrottled);
        assertTrue(throttled.getMessage().contains("not sent"), throttled::getMessage);
        assertEquals(1, gateway.upstream.received(GetPendingJobExecutionsRequest.class).size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void unreachableCloudReadsAreAnsweredFromTheCacheWithAwsRules() throws Exception {
        // given a filled cache: job-a IN_PROGRESS, job-b QUEUED, job-c SUCCEEDED, and no upstream at all
        gateway.cache(record("job-b", JobExecutionStatus.QUEUED, 1), record("job-a", JobExecutionStatus.IN_PROGRESS,
                2), record("job-c", JobExecutionStatus.SUCCEEDED, 3));

        // when / then GetPending lists IN_PROGRESS then QUEUED, with the device's token
        GetPendingJobExecutionsResponse pending = await(gateway.engine.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest(THING, "t-1")));
        assertEquals("job-a", pending.inProgressJobs().get(0).jobId());
        assertEquals("job-b", pending.queuedJobs().get(0).jobId());
        assertEquals(1, pending.queuedJobs().size());
        assertEquals("t-1", pending.clientToken());
        // $next is the IN_PROGRESS one, with its document by default
        DescribeJobExecutionResponse next = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, "$next", null, null, "t-2")));
        assertEquals("job-a", next.execution().jobId());
        assertEquals(DOC, next.execution().jobDocument());
        // a terminal execution is described too, without document when asked so
        DescribeJobExecutionResponse done = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, "job-c", null, false, "t-3")));
        assertEquals(JobExecutionStatus.SUCCEEDED, done.execution().status());
        assertNull(done.execution().jobDocument());
        // an unknown job of a filled thing does not exist
        rejection(gateway.engine.describeJobExecution(new DescribeJobExecutionRequest(THING, "job-x", null, null,
                "t-4")), ErrorCode.ResourceNotFound);
    }

    @Test
    void unreachableCloudAndNothingCachedIsResourceNotFoundNotAnEmptyList() throws Exception {
        // when a thing the cache was never filled for asks
        JobsException error = rejection(gateway.engine.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest("never-seen", "t-1")), ErrorCode.ResourceNotFound);

        // then
        assertTrue(error.getMessage().contains("not known to this gateway"), error::getMessage);
        rejection(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest("never-seen",
                null, null, "t-2")), ErrorCode.ResourceNotFound);
    }
}
