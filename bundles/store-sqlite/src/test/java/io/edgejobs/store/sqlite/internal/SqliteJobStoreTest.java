package io.edgejobs.store.sqlite.internal;

import static io.edgejobs.store.sqlite.internal.StoreFixtures.T0;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.append;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.at;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.commitAndWait;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.execution;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.update;
import static io.edgejobs.api.jobs.JobExecutionStatus.FAILED;
import static io.edgejobs.api.jobs.JobExecutionStatus.IN_PROGRESS;
import static io.edgejobs.api.jobs.JobExecutionStatus.QUEUED;
import static io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreTest {
    @TempDir
    Path dir;
    SqliteJobStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = StoreFixtures.open(dir.resolve("store.db"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void putExecutionIsReadBackFieldForField() throws Exception {
        // given
        Map<String, String> details = new LinkedHashMap<>();
        details.put("z-first", "é \"quoted\" \\ \n ✓");
        details.put("a-second", "2");
        ExecutionRecord written = new ExecutionRecord("thing-1", "job-1", 4, IN_PROGRESS, details, at(0), at(5),
                at(9), 6, new ExecutionTimers(30L, at(1805), at(605)));

        // when
        commitAndWait(store, new StoreChange.PutExecution(written));

        // then
        ExecutionRecord read = store.execution("thing-1", "job-1", 4).orElseThrow();
        assertEquals(written, read);
        assertEquals(List.of("z-first", "a-second"), List.copyOf(read.statusDetails().keySet()));
        assertEquals(Optional.empty(), store.execution("thing-1", "job-1", 5));
        assertEquals(Optional.empty(), store.execution("thing-2", "job-1", 4));
    }

    @Test
    void putExecutionReplacesTheSameKey() throws Exception {
        // given
        commitAndWait(store, new StoreChange.PutExecution(execution("t", "j", 1, QUEUED, at(0))));

        // when
        ExecutionRecord succeeded = new ExecutionRecord("t", "j", 1, SUCCEEDED, Map.of("result", "ok"), at(0),
                at(1), at(20), 3, ExecutionTimers.NONE);
        commitAndWait(store, new StoreChange.PutExecution(succeeded));

        // then
        assertEquals(List.of(succeeded), store.executions("t"));
    }

    @Test
    void nullableTimesAndTimersStayNull() throws Exception {
        // given
        ExecutionRecord queued = new ExecutionRecord("t", "j", 1, QUEUED, null, at(0), null, at(0), 0, null);

        // when
        commitAndWait(store, new StoreChange.PutExecution(queued));

        // then
        ExecutionRecord read = store.execution("t", "j", 1).orElseThrow();
        assertNull(read.startedAt());
        assertEquals(ExecutionTimers.NONE, read.timers());
        assertEquals(Map.of(), read.statusDetails());
    }

    @Test
    void subMillisecondPrecisionIsDropped() throws Exception {
        // given
        ExecutionRecord precise = new ExecutionRecord("t", "j", 1, QUEUED, null, T0.plusNanos(999_999), null,
                T0.plusNanos(1), 0, null);

        // when
        commitAndWait(store, new StoreChange.PutExecution(precise));

        // then
        assertEquals(T0, store.execution("t", "j", 1).orElseThrow().queuedAt());
    }

    @Test
    void latestExecutionIsTheHighestExecutionNumber() throws Exception {
        // given: numbers written out of order, and a newer number queued earlier than an older one
        commitAndWait(store,
                new StoreChange.PutExecution(execution("t", "j", 2, FAILED, at(10))),
                new StoreChange.PutExecution(execution("t", "j", 10, QUEUED, at(5))),
                new StoreChange.PutExecution(execution("t", "j", 3, SUCCEEDED, at(20))),
                new StoreChange.PutExecution(execution("t", "other", 50, QUEUED, at(0))),
                new StoreChange.PutExecution(execution("u", "j", 99, QUEUED, at(0))));

        // when
        Optional<ExecutionRecord> latest = store.latestExecution("t", "j");

        // then
        assertEquals(10, latest.orElseThrow().executionNumber());
        assertEquals(Optional.empty(), store.latestExecution("t", "missing"));
    }

    @Test
    void pendingExecutionsAreInProgressFirstThenQueuedEachByQueuedAtThenExecutionNumber() throws Exception {
        // given
        commitAndWait(store,
                new StoreChange.PutExecution(execution("t", "q-late", 1, QUEUED, at(30))),
                new StoreChange.PutExecution(execution("t", "q-early-2", 2, QUEUED, at(10))),
                new StoreChange.PutExecution(execution("t", "q-early-1", 1, QUEUED, at(10))),
                new StoreChange.PutExecution(execution("t", "ip-late", 1, IN_PROGRESS, at(40))),
                new StoreChange.PutExecution(execution("t", "ip-early", 1, IN_PROGRESS, at(0))),
                new StoreChange.PutExecution(execution("t", "done", 1, SUCCEEDED, at(1))),
                new StoreChange.PutExecution(execution("t", "failed", 1, FAILED, at(2))),
                new StoreChange.PutExecution(execution("other-thing", "q", 1, QUEUED, at(0))));

        // when
        List<ExecutionRecord> pending = store.pendingExecutions("t");

        // then
        assertEquals(List.of("ip-early", "ip-late", "q-early-1", "q-early-2", "q-late"),
                pending.stream().map(ExecutionRecord::jobId).toList());
        assertEquals(List.of(), store.pendingExecutions("nobody"));
    }

    @Test
    void executionsListsEveryStatusOfTheThingOnly() throws Exception {
        // given
        for (JobExecutionStatus status : JobExecutionStatus.values()) {
            commitAndWait(store,
                    new StoreChange.PutExecution(execution("t", "job-" + status, 1, status, at(status.ordinal()))));
        }
        commitAndWait(store, new StoreChange.PutExecution(execution("other", "x", 1, QUEUED, at(0))));

        // when
        List<ExecutionRecord> all = store.executions("t");

        // then
        assertEquals(List.of(JobExecutionStatus.values()), all.stream().map(ExecutionRecord::status).toList());
    }

    @Test
    void deleteExecutionRemovesOnlyThatKeyAndIsIdempotent() throws Exception {
        // given
        commitAndWait(store,
                new StoreChange.PutExecution(execution("t", "j", 1, FAILED, at(0))),
                new StoreChange.PutExecution(execution("t", "j", 2, QUEUED, at(1))));

        // when
        commitAndWait(store, new StoreChange.DeleteExecution("t", "j", 1));
        commitAndWait(store, new StoreChange.DeleteExecution("t", "j", 1));

        // then
        assertEquals(List.of(2L), store.executions("t").stream().map(ExecutionRecord::executionNumber).toList());
    }

    @Test
    void documentsArePutReplacedAndReadBack() throws Exception {
        // given
        JobDocumentRecord first = new JobDocumentRecord("job-1", "{\"operation\":\"install\"}", at(0));
        JobDocumentRecord second = new JobDocumentRecord("job-1", "{\"operation\":\"reboot\",\"n\":[1,2]}", at(60));

        // when
        commitAndWait(store, new StoreChange.PutDocument(first));
        commitAndWait(store, new StoreChange.PutDocument(second));

        // then
        assertEquals(Optional.of(second), store.document("job-1"));
        assertEquals(Optional.empty(), store.document("job-2"));
    }

    @Test
    void outboxKeepsEveryRequestFieldAndAppendOrder() throws Exception {
        // given
        UpdateJobExecutionRequest full = update("t", "j", "token-1");
        UpdateJobExecutionRequest sparse = new UpdateJobExecutionRequest("t", "j", SUCCEEDED, null, null, null,
                false, true, null, null);
        UpdateJobExecutionRequest emptyDetails = new UpdateJobExecutionRequest("t2", "k", FAILED, Map.of(), null,
                null, false, false, -1L, "token-3");

        // when
        commitAndWait(store, append(full, 4, at(1)), append(sparse, 5, at(2)));
        commitAndWait(store, append(emptyDetails, 1, at(3)));

        // then
        List<OutboxEntry> entries = store.outbox(10);
        assertEquals(List.of(full, sparse, emptyDetails), entries.stream().map(OutboxEntry::request).toList());
        assertNull(entries.get(1).request().statusDetails(), "null statusDetails (leave unchanged) stays null");
        assertEquals(Map.of(), entries.get(2).request().statusDetails(), "empty statusDetails stays empty");
        assertEquals(List.of(4L, 5L, 1L), entries.stream().map(OutboxEntry::localVersionNumber).toList());
        assertEquals(List.of(at(1), at(2), at(3)), entries.stream().map(OutboxEntry::enqueuedAt).toList());
        assertEquals(List.of(0, 0, 0), entries.stream().map(OutboxEntry::attempts).toList());
        assertTrue(entries.get(0).sequence() < entries.get(1).sequence());
        assertTrue(entries.get(1).sequence() < entries.get(2).sequence());
        assertEquals(3, store.outboxSize());
    }

    @Test
    void outboxLimitReturnsTheOldestEntries() throws Exception {
        // given
        for (int i = 0; i < 5; i++) {
            commitAndWait(store, append(update("t", "j", "token-" + i), i, at(i)));
        }

        // when
        List<OutboxEntry> oldest = store.outbox(2);

        // then
        assertEquals(List.of("token-0", "token-1"), oldest.stream().map(e -> e.request().clientToken()).toList());
        assertEquals(List.of(), store.outbox(0));
        assertThrows(IllegalArgumentException.class, () -> store.outbox(-1));
    }

    @Test
    void outboxAttemptsAreCountedAndRemovedEntriesDisappear() throws Exception {
        // given
        commitAndWait(store, append(update("t", "j", "a"), 1, at(0)), append(update("t", "j", "b"), 2, at(1)));
        List<OutboxEntry> before = store.outbox(10);
        long first = before.get(0).sequence();
        long second = before.get(1).sequence();

        // when
        commitAndWait(store, new StoreChange.CountOutboxAttempt(second));
        commitAndWait(store, new StoreChange.CountOutboxAttempt(second), new StoreChange.CountOutboxAttempt(first));
        commitAndWait(store, new StoreChange.RemoveOutbox(first));

        // then
        List<OutboxEntry> after = store.outbox(10);
        assertEquals(1, after.size());
        assertEquals(second, after.get(0).sequence());
        assertEquals(2, after.get(0).attempts());
        assertEquals(1, store.outboxSize());
    }

    @Test
    void removingOrCountingAMissingOutboxEntryChangesNothingAndSucceeds() throws Exception {
        // given
        commitAndWait(store, append(update("t", "j", "a"), 1, at(0)));
        OutboxEntry entry = store.outbox(1).get(0);

        // when
        commitAndWait(store, new StoreChange.RemoveOutbox(entry.sequence() + 100),
                new StoreChange.CountOutboxAttempt(entry.sequence() + 100));

        // then
        assertEquals(List.of(entry), store.outbox(10));
    }

    @Test
    void sequencesAreNeverReusedAfterTheNewestEntryWasRemoved() throws Exception {
        // given
        commitAndWait(store, append(update("t", "j", "a"), 1, at(0)));
        long removed = store.outbox(1).get(0).sequence();
        commitAndWait(store, new StoreChange.RemoveOutbox(removed));

        // when
        commitAndWait(store, append(update("t", "j", "b"), 2, at(1)));

        // then
        assertTrue(store.outbox(1).get(0).sequence() > removed);
    }

    @Test
    void knownThingsKeepTheFirstSighting() throws Exception {
        // given
        commitAndWait(store, new StoreChange.AddThing("b-thing", at(0)), new StoreChange.AddThing("a-thing", at(1)));

        // when
        commitAndWait(store, new StoreChange.AddThing("a-thing", at(99)));

        // then
        assertEquals(Set.of("a-thing", "b-thing"), store.knownThings());
        try (var raw = StoreFixtures.rawConnection(store.file());
                var rows = raw.createStatement().executeQuery(
                        "SELECT first_seen FROM things WHERE thing_name = 'a-thing'")) {
            rows.next();
            assertEquals(at(1).toEpochMilli(), rows.getLong(1));
        }
    }

    @Test
    void aCommitIsAtomicWhenOneOfItsChangesFails() throws Exception {
        // given: the second change breaks a CHECK constraint (negative execution number)
        List<StoreChange> changes = List.of(
                new StoreChange.AddThing("t", at(0)),
                new StoreChange.PutExecution(execution("t", "j", -1, QUEUED, at(0))));

        // when
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> store.commit(changes).toCompletableFuture().get(30, TimeUnit.SECONDS));

        // then
        assertInstanceOf(StoreException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("nothing was applied"), failure.getCause().getMessage());
        assertEquals(Set.of(), store.knownThings());
        commitAndWait(store, new StoreChange.AddThing("t", at(0)));
        assertEquals(Set.of("t"), store.knownThings(), "the store stays usable");
    }

    @Test
    void aCompletedCommitIsVisibleToTheNextReadOnAnyThread() throws Exception {
        for (int i = 0; i < 200; i++) {
            // given
            String thing = "thing-" + i;

            // when
            store.commit(List.of(new StoreChange.AddThing(thing, at(i)))).toCompletableFuture().get(30,
                    TimeUnit.SECONDS);

            // then
            assertTrue(store.knownThings().contains(thing), thing);
        }
    }

    @Test
    void readsNeitherWaitForNorSeeAnotherConnectionsOpenWriteTransaction() throws Exception {
        // given: an operator's shell holding the write lock with an uncommitted insert
        commitAndWait(store, new StoreChange.AddThing("committed", at(0)));
        try (var shell = StoreFixtures.rawConnection(store.file())) {
            SqliteConnections.execute(shell, "BEGIN IMMEDIATE");
            SqliteConnections.execute(shell, "INSERT INTO things VALUES ('uncommitted', 0)");

            // when
            long started = System.nanoTime();
            Set<String> things = store.knownThings();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            // then
            assertEquals(Set.of("committed"), things);
            assertTrue(tookMillis < 1000, "a read waited " + tookMillis + " ms for a writer");
            SqliteConnections.execute(shell, "ROLLBACK");
        }
    }

    @Test
    void anEmptyCommitCompletes() throws Exception {
        // when / then
        store.commit(List.of()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void infoDescribesTheOpenDatabase() {
        // when
        var info = store.info();

        // then
        assertEquals(dir.resolve("store.db").toAbsolutePath().toString(), info.path());
        assertEquals(3, info.schemaVersion());
        assertEquals("wal", info.journalMode());
        assertEquals("FULL", info.synchronous());
        assertNull(info.quarantinedFile());
    }

    @Test
    void aClosedStoreRefusesCommitsAndReads() throws Exception {
        // given
        store.close();

        // when
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> store.commit(List.of(new StoreChange.AddThing("t", at(0)))).toCompletableFuture().get());

        // then
        assertInstanceOf(StoreClosedException.class, failure.getCause());
        assertThrows(StoreClosedException.class, () -> store.knownThings());
        assertFalse(store.file().getParent().resolve("store.db-wal").toFile().exists(),
                "the last connection checkpointed and removed the WAL");
    }
}
