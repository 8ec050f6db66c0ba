package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static io.edgejobs.engine.internal.OfflineWritesTest.queued;
import static io.edgejobs.engine.internal.OfflineWritesTest.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.upstream.ConnectionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay rules the emulator cannot easily provoke, against a scripted cloud: a version the gateway did not
 * expect (someone else updated the execution) and an update the cloud refuses as invalid.
 */
class ReplayRulesTest {

    @TempDir
    Path dir;
    private EngineFixture gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions().withOffline(OfflineOptions.DEFAULTS
                .withReplayBackoff(Duration.ofMillis(20), Duration.ofMillis(100))));
        gateway.cache(queued("job-a", 0));
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(), T0, r.clientToken()));
        // offline: the device starts job-a (v2) and reports progress (v3)
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, Map.of("p", "1"), 2L,
                "t-1")));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private void reconnect() {
        gateway.connect();
        gateway.engine.connectionStateChanged(ConnectionState.CONNECTED);
    }

    private static CompletableFuture<UpdateJobExecutionResponse> accepted(UpdateJobExecutionRequest r) {
        return CompletableFuture.completedFuture(new UpdateJobExecutionResponse(new JobExecutionState(r.status(),
                r.statusDetails() == null ? Map.of() : r.statusDetails(), r.expectedVersion() + 1), null, T0,
                r.clientToken()));
    }

    @Test
    void aCloudAheadWithoutATerminalStatusGetsTheUpdatesOnItsOwnVersionAndTheRealignmentIsAudited() throws Exception {
        // given a cloud where someone else moved job-a to IN_PROGRESS v4 meanwhile
        gateway.upstream.update = r -> r.expectedVersion() < 4
                ? CompletableFuture.failedFuture(new JobsException(ErrorCode.VersionMismatch, "expected "
                        + r.expectedVersion(), new JobExecutionState(JobExecutionStatus.IN_PROGRESS,
                                Map.of("by", "other"), 4)))
                : accepted(r);

        // when
        reconnect();

        // then both updates went through on the cloud's version, in order: v5 (start), v6 (progress)
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.store.outboxSize() == 0);
        List<UpdateJobExecutionRequest> sent = gateway.upstream.received(UpdateJobExecutionRequest.class);
        assertEquals(List.of(1L, 4L, 5L), sent.stream().map(UpdateJobExecutionRequest::expectedVersion).toList());
        assertEquals(Map.of("p", "1"), sent.get(2).statusDetails());
        ConflictRecord realigned = gateway.store.conflicts(10).get(0);
        assertEquals(ConflictKind.VERSION_REALIGNED, realigned.kind());
        assertEquals(4L, realigned.cloudVersion());
        assertEquals(6, gateway.store.cloudState(THING, "job-a", 1).orElseThrow().versionNumber());
    }

    @Test
    void anUpdateTheCloudRefusesAsInvalidIsDroppedWithAnAuditRecordAndTheRestGoesOn() throws Exception {
        // given a cloud refusing the progress update (details it does not accept)
        gateway.upstream.update = r -> r.statusDetails() != null
                ? CompletableFuture.failedFuture(new JobsException(ErrorCode.InvalidRequest, "statusDetails: no"))
                : accepted(r);

        // when
        reconnect();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.store.outboxSize() == 0);
        ConflictRecord refused = gateway.store.conflicts(10).get(0);
        assertEquals(ConflictKind.REFUSED_BY_CLOUD, refused.kind());
        assertEquals(1, refused.droppedEntries());
        assertEquals(2, gateway.upstream.received(UpdateJobExecutionRequest.class).size(), "sent once each");
    }
}
