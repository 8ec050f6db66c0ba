package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static io.edgejobs.engine.internal.OfflineWritesTest.queued;
import static io.edgejobs.engine.internal.OfflineWritesTest.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
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

/** The WARN line a conflict the cloud won writes, read from the engine's log output (not checked by eye). */
class ConflictLogLineTest {

    @TempDir
    Path dir;
    private EngineFixture gateway;
    private CapturedLog log;

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions());
        log = new CapturedLog();
    }

    @AfterEach
    void stop() {
        log.close();
        gateway.close();
    }

    @Test
    void theWarnLineNamesThingJobExecutionKindAndBothStatesWithTheirVersions() throws Exception {
        // given offline: the device starts job-a (v2) and reports progress (v3); the cloud cancelled it (v2)
        gateway.cache(queued("job-a", 0));
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, Map.of("p", "1"), 2L,
                "t-1")));
        JobExecutionState cloud = new JobExecutionState(JobExecutionStatus.CANCELED, Map.of("reason", "recall"), 2);
        gateway.upstream.update = r -> CompletableFuture.failedFuture(new JobsException(
                ErrorCode.InvalidStateTransition, "Cannot update a job execution in terminal status CANCELED", cloud));
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(), T0, r.clientToken()));
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                new JobExecution("job-a", THING, EngineFixture.DOC, cloud.status(), cloud.statusDetails(), T0, null,
                        T0.plusSeconds(300), 2, 1, null), T0.plusSeconds(301), r.clientToken()));

        // when the link comes back and the replay meets the cancellation
        gateway.connect();
        gateway.engine.connectionStateChanged(ConnectionState.CONNECTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.store.conflicts(10).size() == 1);

        // then exactly one WARN line of the ConflictRecorder tells the whole conflict
        await().atMost(Duration.ofSeconds(2)).until(() -> !log.lines("WARN", ConflictRecorder.class).isEmpty());
        List<String> lines = log.lines("WARN", ConflictRecorder.class);
        assertEquals(1, lines.size(), lines.toString());
        assertEquals(1, gateway.engine.replayStatus().conflicts());
        assertEquals("thing pump-1 job job-a: execution 1: CANCELED_IN_CLOUD: the cloud's CANCELED v2 wins over the "
                + "local IN_PROGRESS v3; 2 device update(s) dropped from the outbox; devices see it at v4 "
                + "(InvalidStateTransition: Cannot update a job execution in terminal status CANCELED)", lines.get(0));
    }
}
