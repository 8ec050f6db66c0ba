package io.edgejobs.itest;

import static io.edgejobs.itest.DistributionOptions.distribution;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import io.edgejobs.api.store.StoreInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/** The JobStore service of the assembled runtime, on a fresh SQLite file, through the API only. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobStoreTest {

    private static final String THING = "press-7";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private JobStore store;

    @Configuration
    public Option[] configuration() {
        return new Option[] {distribution()};
    }

    @Test
    public void theStoreCommitsAndReadsBackExecutionsDocumentsAndTheOutboxOnWalWithFullSync() throws Exception {
        // given the store moved to a fresh file in this test's data folder
        Path database = Path.of(context.getProperty("itest.data.dir"), "jobstore-test.db").toAbsolutePath();
        useDatabase(database);
        StoreInfo info = store.info();
        assertEquals("wal", info.journalMode().toLowerCase());
        assertEquals("FULL", info.synchronous());
        assertNull(info.quarantinedFile());
        assertTrue(Files.isRegularFile(database));

        // when a thing, an execution, its document and a device update are committed together
        ExecutionRecord queued = new ExecutionRecord(THING, "firmware-42", 1, JobExecutionStatus.QUEUED,
                Map.of(), T0, null, T0, 1, ExecutionTimers.NONE);
        UpdateJobExecutionRequest update = new UpdateJobExecutionRequest(THING, "firmware-42",
                JobExecutionStatus.IN_PROGRESS, Map.of("step", "download"), 1L, 1L, false, false, null, "token-1");
        store.commit(List.of(
                new StoreChange.AddThing(THING, T0),
                new StoreChange.PutExecution(queued),
                new StoreChange.PutDocument(new JobDocumentRecord("firmware-42", "{\"url\":\"s3://x\"}", T0)),
                new StoreChange.AppendOutbox(update, 2, T0.plusSeconds(1))))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        // then every part reads back
        assertEquals(Set.of(THING), store.knownThings());
        assertEquals(queued, store.execution(THING, "firmware-42", 1).orElseThrow());
        assertEquals(List.of(queued), store.pendingExecutions(THING));
        assertEquals("{\"url\":\"s3://x\"}", store.document("firmware-42").orElseThrow().document());
        assertEquals(1, store.outboxSize());
        OutboxEntry entry = store.outbox(10).get(0);
        assertEquals(update, entry.request());
        assertEquals(2, entry.localVersionNumber());
        assertEquals(T0.plusSeconds(1), entry.enqueuedAt().truncatedTo(ChronoUnit.SECONDS));

        // when the update is replayed: the execution moves on and the entry leaves the outbox atomically
        ExecutionRecord inProgress = new ExecutionRecord(THING, "firmware-42", 1, JobExecutionStatus.IN_PROGRESS,
                Map.of("step", "download"), T0, T0.plusSeconds(1), T0.plusSeconds(1), 2, ExecutionTimers.NONE);
        store.commit(List.of(new StoreChange.PutExecution(inProgress), new StoreChange.RemoveOutbox(entry.sequence())))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        // then
        assertEquals(0, store.outboxSize());
        assertEquals(inProgress, store.latestExecution(THING, "firmware-42").orElseThrow());
    }

    /** Points io.edgejobs.store at {@code database} and waits until the service reports it. */
    private void useDatabase(Path database) throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("databasePath", database.toString());
        configurationAdmin.getConfiguration("io.edgejobs.store", "?").update(properties);
        Poll.until(Duration.ofSeconds(20), () -> database.equals(Path.of(store.info().path()).toAbsolutePath()),
                () -> "store still on " + store.info().path());
    }
}
