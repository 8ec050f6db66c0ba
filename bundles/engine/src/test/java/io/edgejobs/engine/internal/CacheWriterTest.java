package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static io.edgejobs.engine.internal.EngineFixture.execution;
import static io.edgejobs.engine.internal.EngineFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.StoreChange;
import io.edgejobs.store.sqlite.internal.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cloud's view never overwrites an execution the devices changed offline (it has outbox entries). */
class CacheWriterTest {

    @TempDir
    Path dir;
    private TestStores.OpenStore store;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private CacheWriter cache;

    @BeforeEach
    void open() throws Exception {
        store = TestStores.open(dir.resolve("cache.db"));
        cache = new CacheWriter(store, new ThingLanes(pool));
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    /** job-1 IN_PROGRESS v3 locally, with the update that made it v3 waiting in the outbox. */
    private ExecutionRecord dirtyExecution() throws Exception {
        ExecutionRecord local = record("job-1", JobExecutionStatus.IN_PROGRESS, 3);
        await(store.commit(List.of(new StoreChange.PutExecution(local), new StoreChange.AppendOutbox(
                new UpdateJobExecutionRequest(THING, "job-1", JobExecutionStatus.IN_PROGRESS, Map.of("p", "1"), 2L, 1L,
                        false, false, null, "t"), 3, T0))));
        return local;
    }

    @Test
    void aDescribedOlderStateOnlyRecordsTheCloudsView() throws Exception {
        // given
        ExecutionRecord local = dirtyExecution();

        // when the cloud describes it at version 2
        await(cache.putExecution(execution("job-1", JobExecutionStatus.IN_PROGRESS, 2, Map.of(), null),
                T0.plusSeconds(5)));

        // then
        assertEquals(local, store.execution(THING, "job-1", 1).orElseThrow());
        assertEquals(new CloudState(THING, "job-1", 1, JobExecutionStatus.IN_PROGRESS, 2, T0.plusSeconds(5)),
                store.cloudState(THING, "job-1", 1).orElseThrow());
    }

    @Test
    void evenANewerCloudStateOrANotFoundWaitsForTheReplay() throws Exception {
        // given
        ExecutionRecord local = dirtyExecution();

        // when the cloud shows it CANCELED at version 4, then says it does not exist
        boolean exact = await(cache.putState(THING, "job-1", 1L, new JobExecutionState(JobExecutionStatus.CANCELED,
                Map.of(), 4), false, T0.plusSeconds(5), null));
        await(cache.forget(THING, "job-1", null));

        // then the devices' view stays (the replay meets the cloud's decision and records the conflict)
        assertTrue(exact, "no describe is asked for: the replay brings it up to date");
        assertEquals(local, store.execution(THING, "job-1", 1).orElseThrow());
        assertEquals(JobExecutionStatus.CANCELED, store.cloudState(THING, "job-1", 1).orElseThrow().status());
    }

    @Test
    void aCleanExecutionFollowsTheCloudAsBefore() throws Exception {
        // given
        await(store.commit(List.of(new StoreChange.PutExecution(record("job-1", JobExecutionStatus.IN_PROGRESS, 3)))));

        // when
        await(cache.putExecution(execution("job-1", JobExecutionStatus.SUCCEEDED, 4, Map.of(), null),
                T0.plusSeconds(5)));

        // then
        assertEquals(JobExecutionStatus.SUCCEEDED, store.execution(THING, "job-1", 1).orElseThrow().status());
        assertEquals(4, store.cloudState(THING, "job-1", 1).orElseThrow().versionNumber());
    }

    /** job-1 CANCELED: the cloud won at its v3 over a device told v4, so devices are shown v5. */
    private ExecutionRecord presentedExecution() throws Exception {
        ExecutionRecord shown = record("job-1", JobExecutionStatus.CANCELED, 5);
        await(store.commit(List.of(new StoreChange.PutExecution(shown), new StoreChange.PutCloudState(
                new CloudState(THING, "job-1", 1, JobExecutionStatus.CANCELED, 3, T0)))));
        return shown;
    }

    @Test
    void theCloudsSideOfAPresentedVersionNeverRollsTheRecordBackAndOnlyRefreshesTheCloudState() throws Exception {
        // given
        ExecutionRecord shown = presentedExecution();

        // when the cloud reports the same CANCELED at its v3: described, then in a rejection
        await(cache.putExecution(execution("job-1", JobExecutionStatus.CANCELED, 3, Map.of(), null),
                T0.plusSeconds(5)));
        boolean exact = await(cache.putState(THING, "job-1", null, new JobExecutionState(JobExecutionStatus.CANCELED,
                Map.of(), 3), false, T0.plusSeconds(7), null));

        // then devices keep v5, the cache counts as exact (nothing to describe), the cloud state is v3, refreshed
        assertTrue(exact);
        assertEquals(shown, store.execution(THING, "job-1", 1).orElseThrow());
        assertEquals(new CloudState(THING, "job-1", 1, JobExecutionStatus.CANCELED, 3, T0.plusSeconds(7)),
                store.cloudState(THING, "job-1", 1).orElseThrow());
    }

    @Test
    void aPresentedVersionGivesWayToAnotherIncarnationOfTheExecution() throws Exception {
        // given
        presentedExecution();

        // when the job was deleted and created again: a new execution 1, queued later, at v1
        ExecutionRecord again = new ExecutionRecord(THING, "job-1", 1, JobExecutionStatus.QUEUED, Map.of(),
                T0.plusSeconds(600), null, T0.plusSeconds(600), 1, null);
        await(cache.putExecution(new io.edgejobs.api.jobs.JobExecution("job-1", THING, null,
                JobExecutionStatus.QUEUED, Map.of(), again.queuedAt(), null, again.lastUpdatedAt(), 1, 1, null),
                T0.plusSeconds(601)));

        // then the cache follows the cloud
        assertEquals(again, store.execution(THING, "job-1", 1).orElseThrow());
    }
}
