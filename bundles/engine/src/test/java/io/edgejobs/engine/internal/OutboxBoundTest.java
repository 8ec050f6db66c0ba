package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static io.edgejobs.engine.internal.EngineFixture.rejection;
import static io.edgejobs.engine.internal.OfflineWritesTest.queued;
import static io.edgejobs.engine.internal.OfflineWritesTest.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.OutboxEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case 11: the outbox is bounded; what happens beyond the bound is the configured policy, never a silent loss. */
class OutboxBoundTest {

    @TempDir
    Path dir;
    private EngineFixture gateway;

    @AfterEach
    void stop() {
        gateway.close();
    }

    private void start(OutboxFullPolicy policy) throws Exception {
        start(OfflineOptions.DEFAULTS.withOutboxBound(3, policy));
    }

    private void start(OfflineOptions offline) throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions().withOffline(offline));
        gateway.cache(queued("job-a", 0));
        // three entries: the start (v2) and two progress updates (v3, v4)
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, Map.of("p", "1"), 2L,
                "t-1")));
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, Map.of("p", "2"), 3L,
                "t-2")));
        assertEquals(3, gateway.store.outboxSize());
    }

    @Test
    void aFullOutboxRefusesNewUpdatesAsThrottledAndChangesNothing() throws Exception {
        // given
        start(OutboxFullPolicy.REFUSE);

        // when
        JobsException refused = rejection(gateway.engine.updateJobExecution(update("job-a",
                JobExecutionStatus.SUCCEEDED, Map.of("r", "ok"), 4L, "t-3")), ErrorCode.RequestThrottled);

        // then the device may retry later, as it would against a throttling cloud; reads go on
        assertTrue(refused.getMessage().contains("outbox is full"), refused::getMessage);
        assertEquals(4, gateway.cached("job-a").versionNumber());
        assertEquals(JobExecutionStatus.IN_PROGRESS, gateway.cached("job-a").status());
        assertEquals(3, gateway.store.outboxSize());
        assertEquals(4, await(gateway.engine.describeJobExecution(new DescribeJobExecutionRequest(THING, "job-a",
                null, false, "t-4"))).execution().versionNumber());
    }

    @Test
    void progressIsMergedIntoTheWaitingProgressButATerminalStatusIsNeverDropped() throws Exception {
        // given
        start(OutboxFullPolicy.EVICT_SUPERSEDED_PROGRESS);

        // when two more progress updates come
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, Map.of("p", "3"), 4L,
                "t-3")));
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, null, 5L, "t-4")));

        // then the last entry stands for three updates, with the newest details, and the device was told v6
        List<OutboxEntry> entries = gateway.store.outbox(THING);
        assertEquals(3, entries.size());
        OutboxEntry merged = entries.get(2);
        assertEquals(3, merged.increments());
        assertEquals(6, merged.localVersionNumber());
        assertEquals(Map.of("p", "3"), merged.request().statusDetails(), "null details keep the older ones");
        assertEquals(6, gateway.cached("job-a").versionNumber());

        // and a terminal status, which cannot be merged, is refused rather than lost
        rejection(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.SUCCEEDED, null, 6L, "t-5")),
                ErrorCode.RequestThrottled);
        assertEquals(JobExecutionStatus.IN_PROGRESS, gateway.cached("job-a").status());
        assertEquals(3, gateway.store.outboxSize());
    }

    /**
     * Three entries under a bound of 10 000 entries, then a byte bound that lets exactly one more entry in: the
     * outbox is full by its bytes while far from full by its entries.
     */
    private void startFullByBytes(OutboxFullPolicy policy) throws Exception {
        start(OfflineOptions.DEFAULTS.withOutboxBound(10_000, policy));
        long bytes = gateway.store.outboxBytes();
        assertTrue(bytes > 0);
        gateway.engine.reconfigure(EngineFixture.fastOptions().withOffline(OfflineOptions.DEFAULTS
                .withOutboxBound(10_000, policy).withOutboxMaxBytes(bytes + 1)));
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, Map.of("p", "3"), 4L,
                "t-3")));
        assertEquals(4, gateway.store.outboxSize(), "under the byte bound: appended");
        assertTrue(gateway.store.outboxBytes() > bytes + 1);
    }

    @Test
    void anOutboxFullByItsBytesRefusesNewUpdatesAsThrottledAndChangesNothing() throws Exception {
        // given
        startFullByBytes(OutboxFullPolicy.REFUSE);
        long bytes = gateway.store.outboxBytes();

        // when
        JobsException refused = rejection(gateway.engine.updateJobExecution(update("job-a",
                JobExecutionStatus.SUCCEEDED, Map.of("r", "ok"), 5L, "t-4")), ErrorCode.RequestThrottled);

        // then
        assertTrue(refused.getMessage().contains("outbox is full"), refused::getMessage);
        assertTrue(refused.getMessage().contains(bytes + " bytes"), refused::getMessage);
        assertEquals(5, gateway.cached("job-a").versionNumber());
        assertEquals(JobExecutionStatus.IN_PROGRESS, gateway.cached("job-a").status());
        assertEquals(4, gateway.store.outboxSize());
        assertEquals(bytes, gateway.store.outboxBytes());
    }

    @Test
    void anOutboxFullByItsBytesMergesProgressButNeverDropsATerminalStatus() throws Exception {
        // given
        startFullByBytes(OutboxFullPolicy.EVICT_SUPERSEDED_PROGRESS);

        // when more progress comes
        await(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.IN_PROGRESS, Map.of("p", "4"), 5L,
                "t-4")));

        // then it is merged into the last waiting progress: no new entry
        List<OutboxEntry> entries = gateway.store.outbox(THING);
        assertEquals(4, entries.size());
        assertEquals(2, entries.get(3).increments());
        assertEquals(Map.of("p", "4"), entries.get(3).request().statusDetails());
        assertEquals(6, gateway.cached("job-a").versionNumber());

        // and a terminal status is refused rather than lost
        rejection(gateway.engine.updateJobExecution(update("job-a", JobExecutionStatus.SUCCEEDED, null, 6L, "t-5")),
                ErrorCode.RequestThrottled);
        assertEquals(JobExecutionStatus.IN_PROGRESS, gateway.cached("job-a").status());
        assertEquals(4, gateway.store.outboxSize());
    }
}
