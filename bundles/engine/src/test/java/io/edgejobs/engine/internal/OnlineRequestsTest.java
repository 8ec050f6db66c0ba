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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online path: forward, write through to the real store, then answer with the device's clientToken. */
class OnlineRequestsTest {

    @TempDir
    Path dir;
    private EngineFixture gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions());
        gateway.connect();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void anAcceptedUpdateIsCachedBeforeTheDeviceIsAnswered() throws Exception {
        // given job-1 IN_PROGRESS at version 2 in the cache, and a cloud that accepts the update with version 3
        gateway.cache(record("job-1", JobExecutionStatus.IN_PROGRESS, 2));
        gateway.upstream.update = r -> CompletableFuture.completedFuture(new UpdateJobExecutionResponse(
                new JobExecutionState(JobExecutionStatus.SUCCEEDED, Map.of("result", "ok"), 3), null,
                T0.plusSeconds(100), "upstream-token"));

        // when the device updates without asking for the execution state
        UpdateJobExecutionResponse answer = await(gateway.engine.updateJobExecution(new UpdateJobExecutionRequest(
                THING, "job-1", JobExecutionStatus.SUCCEEDED, Map.of("result", "ok"), 2L, null, false, false, null,
                "device-token")));

        // then the cloud was asked for the state anyway, the device gets its own token and no state
        UpdateJobExecutionRequest forwarded = gateway.upstream.received(UpdateJobExecutionRequest.class).get(0);
        assertTrue(forwarded.includeJobExecutionState());
        assertEquals("device-token", answer.clientToken());
        assertNull(answer.executionState());
        assertEquals(T0.plusSeconds(100), answer.timestamp());
        // and the cache already holds the new state when the answer is out
        var cached = gateway.cached("job-1");
        assertEquals(JobExecutionStatus.SUCCEEDED, cached.status());
        assertEquals(3, cached.versionNumber());
        assertEquals(Map.of("result", "ok"), cached.statusDetails());
        assertEquals(T0.plusSeconds(100), cached.lastUpdatedAt());
        assertEquals(T0.plusSeconds(10), cached.startedAt());
    }

    @Test
    void startNextCachesTheStartedExecutionAndItsDocument() throws Exception {
        // given a cloud that starts job-2
        gateway.upstream.startNext = r -> CompletableFuture.completedFuture(new StartNextPendingJobExecutionResponse(
                execution("job-2", JobExecutionStatus.IN_PROGRESS, 2, Map.of("step", "1"), "{\"v\":2}"),
                T0.plusSeconds(20), "upstream-token"));

        // when
        StartNextPendingJobExecutionResponse answer = await(gateway.engine.startNextPendingJobExecution(
                new StartNextPendingJobExecutionRequest(THING, Map.of("step", "1"), null, "t-1")));

        // then
        assertEquals("t-1", answer.clientToken());
        assertEquals("{\"v\":2}", answer.execution().jobDocument());
        var cached = gateway.cached("job-2");
        assertEquals(JobExecutionStatus.IN_PROGRESS, cached.status());
        assertEquals(2, cached.versionNumber());
        assertEquals(Map.of("step", "1"), cached.statusDetails());
        assertEquals("{\"v\":2}", gateway.store.document("job-2").orElseThrow().document());
    }

    @Test
    void describeAlwaysFetchesTheDocumentButHandsItOnlyToDevicesThatAsked() throws Exception {
        // given
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                execution("job-3", JobExecutionStatus.QUEUED, 1, Map.of(), r.includeJobDocument() ? DOC : null),
                T0.plusSeconds(5), null));

        // when the device says includeJobDocument=false
        DescribeJobExecutionResponse answer = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, "job-3", null, false, "t-2")));

        // then
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).get(0).includeJobDocument());
        assertNull(answer.execution().jobDocument());
        assertEquals("t-2", answer.clientToken());
        assertEquals(DOC, gateway.store.document("job-3").orElseThrow().document());
        assertEquals(1, gateway.cached("job-3").versionNumber());
    }

    @Test
    void aVersionMismatchIsRelayedAsItIsAndItsStateCached() throws Exception {
        // given the cache at version 2, the cloud at version 4
        gateway.cache(record("job-1", JobExecutionStatus.IN_PROGRESS, 2));
        JobExecutionState current = new JobExecutionState(JobExecutionStatus.IN_PROGRESS, Map.of("p", "60"), 4);
        gateway.upstream.update = r -> CompletableFuture.failedFuture(new JobsException(ErrorCode.VersionMismatch,
                "expectedVersion 2 does not match the job execution's versionNumber 4", current));
        gateway.upstream.describe = r -> ScriptedUpstream.silence();

        // when
        JobsException error = rejection(gateway.engine.updateJobExecution(new UpdateJobExecutionRequest(THING,
                "job-1", JobExecutionStatus.IN_PROGRESS, null, 2L, null, false, false, null, "t-3")),
                ErrorCode.VersionMismatch);

        // then code, message and state are the cloud's
        assertEquals("expectedVersion 2 does not match the job execution's versionNumber 4", error.getMessage());
        assertEquals(current, error.executionState());
        // and the cache took the current state; its exact times are described afterwards
        assertEquals(4, gateway.cached("job-1").versionNumber());
        assertEquals(Map.of("p", "60"), gateway.cached("job-1").statusDetails());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.upstream.received(DescribeJobExecutionRequest.class)
                .size() == 1);
    }

    @Test
    void resourceNotFoundRemovesTheExecutionFromTheCache() throws Exception {
        // given
        gateway.cache(record("job-gone", JobExecutionStatus.QUEUED, 1));
        gateway.upstream.describe = r -> CompletableFuture.failedFuture(new JobsException(ErrorCode.ResourceNotFound,
                "Job execution of job job-gone on thing pump-1 does not exist"));

        // when
        rejection(gateway.engine.describeJobExecution(new DescribeJobExecutionRequest(THING, "job-gone", null, true,
                "t-4")), ErrorCode.ResourceNotFound);

        // then
        assertTrue(gateway.store.latestExecution(THING, "job-gone").isEmpty());
    }

    @Test
    void theCloudRefusingTheGatewaysOwnJsonIsAnInternalErrorForTheDevice() throws Exception {
        // given
        gateway.upstream.getPending = r -> CompletableFuture.failedFuture(new JobsException(ErrorCode.InvalidJson,
                "Payload is not valid JSON"));

        // when / then
        JobsException error = rejection(gateway.engine.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest(THING, "t-5")), ErrorCode.InternalError);
        assertTrue(error.getMessage().contains("InvalidJson"));
    }

    @Test
    void aGetPendingListShowingUnknownExecutionsMakesTheEngineDescribeThem() throws Exception {
        // given a cloud listing job-9 the cache has never seen
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(execution("job-9", JobExecutionStatus.QUEUED, 1, Map.of(), null).summary()),
                T0, null));
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                execution(r.jobId(), JobExecutionStatus.QUEUED, 1, Map.of(), DOC), T0, null));

        // when
        GetPendingJobExecutionsResponse answer = await(gateway.engine.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest(THING, "t-6")));

        // then the list is relayed, and job-9 lands in the cache with its document
        assertEquals("t-6", answer.clientToken());
        assertEquals("job-9", answer.queuedJobs().get(0).jobId());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.store.latestExecution(THING, "job-9").isPresent()
                && gateway.store.document("job-9").isPresent());
    }

    @Test
    void requestsOfOneThingAreForwardedOneAfterTheOtherAndOtherThingsPassBy() throws Exception {
        // given a cloud that holds the first update of pump-1 until released
        CompletableFuture<UpdateJobExecutionResponse> held = new CompletableFuture<>();
        gateway.upstream.update = r -> r.jobId().equals("first") ? held
                : CompletableFuture.completedFuture(new UpdateJobExecutionResponse(null, null, T0, null));

        // when pump-1 sends two updates and pump-2 one
        var first = gateway.engine.updateJobExecution(update(THING, "first"));
        var second = gateway.engine.updateJobExecution(update(THING, "second"));
        var other = gateway.engine.updateJobExecution(update("pump-2", "other"));

        // then pump-2 is answered while pump-1's second update has not even been sent
        await(other);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.upstream.received(
                UpdateJobExecutionRequest.class).size() == 2);
        assertFalse(second.toCompletableFuture().isDone());
        assertEquals(List.of("first", "other"), gateway.upstream.received(UpdateJobExecutionRequest.class).stream()
                .map(UpdateJobExecutionRequest::jobId).sorted().toList());
        // and once the first is answered, the second follows
        held.complete(new UpdateJobExecutionResponse(null, null, T0, null));
        await(first);
        await(second);
        assertEquals(3, gateway.upstream.received(UpdateJobExecutionRequest.class).size());
    }

    private static UpdateJobExecutionRequest update(String thing, String jobId) {
        return new UpdateJobExecutionRequest(thing, jobId, JobExecutionStatus.IN_PROGRESS, null, null, null, false,
                false, null, "t-" + jobId);
    }
}
