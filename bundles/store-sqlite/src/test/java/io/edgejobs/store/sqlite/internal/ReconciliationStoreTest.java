package io.edgejobs.store.sqlite.internal;

import static io.edgejobs.api.jobs.JobExecutionStatus.CANCELED;
import static io.edgejobs.api.jobs.JobExecutionStatus.IN_PROGRESS;
import static io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.append;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.at;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.commitAndWait;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.execution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** The schema-2 parts of the store: outbox per thing and execution, merges, cloud states, the audit. */
class ReconciliationStoreTest {
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

    private static UpdateJobExecutionRequest update(String thing, String job, long executionNumber,
            JobExecutionStatus status, String step) {
        return new UpdateJobExecutionRequest(thing, job, status, step == null ? null : Map.of("step", step),
                null, executionNumber, false, false, null, "tok-" + step);
    }

    @Test
    void theOutboxIsReadPerThingAndPerExecutionInAppendOrder() throws Exception {
        // given entries of two things and two executions, interleaved
        commitAndWait(store, append(update("t1", "a", 1, IN_PROGRESS, "1"), 2, at(1)),
                append(update("t2", "a", 1, IN_PROGRESS, "x"), 2, at(2)),
                append(update("t1", "b", 1, IN_PROGRESS, "1"), 2, at(3)),
                append(update("t1", "a", 1, SUCCEEDED, "2"), 3, at(4)),
                append(update("t1", "a", 2, IN_PROGRESS, "retry"), 2, at(5)));

        // when / then
        assertEquals(Set.of("t1", "t2"), store.outboxThings());
        assertEquals(List.of("a#1:1", "b#1:1", "a#1:2", "a#2:retry"), keys(store.outbox("t1")));
        assertEquals(List.of("a#1:1", "a#1:2"), keys(store.outbox("t1", "a", 1)));
        assertEquals(List.of("a#2:retry"), keys(store.outbox("t1", "a", 2)));
        assertEquals(List.of(), store.outbox("t3"));
        assertEquals(List.of(), store.outbox("t1", "c", 1));
        List<OutboxEntry> all = store.outbox(100);
        assertEquals(store.outbox("t1", "a", 1).get(0), all.get(0), "the same entry whatever the query");
    }

    @Test
    void anEmptiedThingLeavesTheOutboxThings() throws Exception {
        // given
        commitAndWait(store, append(update("t1", "a", 1, IN_PROGRESS, "1"), 2, at(1)));
        long sequence = store.outbox("t1").get(0).sequence();

        // when
        commitAndWait(store, new StoreChange.RemoveOutbox(sequence));

        // then
        assertEquals(Set.of(), store.outboxThings());
    }

    @Test
    void aMergeReplacesTheRequestAndLocalVersionAndCountsTheIncrement() throws Exception {
        // given an entry that was tried once
        commitAndWait(store, append(update("t", "a", 1, IN_PROGRESS, "1"), 2, at(1)));
        OutboxEntry first = store.outbox("t").get(0);
        commitAndWait(store, new StoreChange.CountOutboxAttempt(first.sequence()));

        // when two newer updates are merged into it
        commitAndWait(store, new StoreChange.MergeOutbox(first.sequence(), update("t", "a", 1, IN_PROGRESS, "2"), 3));
        commitAndWait(store, new StoreChange.MergeOutbox(first.sequence(), update("t", "a", 1, IN_PROGRESS, "3"), 4));

        // then it is one entry standing for three updates, with the newest request, at its old place
        OutboxEntry merged = store.outbox("t").get(0);
        assertEquals(1, store.outboxSize());
        assertEquals(first.sequence(), merged.sequence());
        assertEquals(update("t", "a", 1, IN_PROGRESS, "3"), merged.request());
        assertEquals(4, merged.localVersionNumber());
        assertEquals(3, merged.increments());
        assertEquals(1, merged.attempts());
        assertEquals(first.enqueuedAt(), merged.enqueuedAt());
    }

    @Test
    void aMergeOfAnotherExecutionsUpdateOrOfAMissingEntryChangesNothing() throws Exception {
        // given
        commitAndWait(store, append(update("t", "a", 1, IN_PROGRESS, "1"), 2, at(1)));
        OutboxEntry entry = store.outbox("t").get(0);

        // when
        commitAndWait(store, new StoreChange.MergeOutbox(entry.sequence(), update("t", "other", 1, IN_PROGRESS, "2"),
                3), new StoreChange.MergeOutbox(entry.sequence() + 99, update("t", "a", 1, IN_PROGRESS, "2"), 3));

        // then
        assertEquals(List.of(entry), store.outbox("t"));
    }

    @Test
    void cloudStatesArePutReplacedAndDeletedWithTheirExecution() throws Exception {
        // given
        commitAndWait(store, new StoreChange.PutExecution(execution("t", "a", 1, IN_PROGRESS, at(0))),
                new StoreChange.PutCloudState(new CloudState("t", "a", 1, IN_PROGRESS, 2, at(5))));
        assertEquals(Optional.of(new CloudState("t", "a", 1, IN_PROGRESS, 2, at(5))), store.cloudState("t", "a", 1));

        // when replaced
        commitAndWait(store, new StoreChange.PutCloudState(new CloudState("t", "a", 1, CANCELED, 3, at(9))));

        // then
        assertEquals(CANCELED, store.cloudState("t", "a", 1).orElseThrow().status());
        assertEquals(3, store.cloudState("t", "a", 1).orElseThrow().versionNumber());
        assertEquals(Optional.empty(), store.cloudState("t", "a", 2));

        // when the execution is deleted, its cloud state goes with it
        commitAndWait(store, new StoreChange.DeleteExecution("t", "a", 1));
        assertEquals(Optional.empty(), store.cloudState("t", "a", 1));
    }

    @Test
    void conflictsAreReadBackNewestFirstWithStoreAssignedIds() throws Exception {
        // given
        ConflictRecord canceled = new ConflictRecord(0, at(10), "t", "a", 1, ConflictKind.CANCELED_IN_CLOUD,
                SUCCEEDED, 5L, CANCELED, 3L, 3, "cancelled in the cloud while the device finished offline");
        ConflictRecord deleted = new ConflictRecord(77, at(11), "t", "b", 2, ConflictKind.DELETED_IN_CLOUD,
                IN_PROGRESS, 2L, null, null, 1, null);

        // when
        commitAndWait(store, new StoreChange.RecordConflict(canceled), new StoreChange.RecordConflict(deleted));

        // then
        List<ConflictRecord> read = store.conflicts(10);
        assertEquals(2, read.size());
        assertTrue(read.get(0).id() > read.get(1).id(), "newest first");
        assertEquals(new ConflictRecord(read.get(0).id(), at(11), "t", "b", 2, ConflictKind.DELETED_IN_CLOUD,
                IN_PROGRESS, 2L, null, null, 1, ""), read.get(0));
        assertEquals(new ConflictRecord(read.get(1).id(), at(10), "t", "a", 1, ConflictKind.CANCELED_IN_CLOUD,
                SUCCEEDED, 5L, CANCELED, 3L, 3, "cancelled in the cloud while the device finished offline"),
                read.get(1));
        assertEquals(1, store.conflicts(1).size());
        assertEquals(List.of(), store.conflicts(0));
        assertThrows(IllegalArgumentException.class, () -> store.conflicts(-1));
    }

    @Test
    void theAuditKeepsTheNewestTenThousandRecords() throws Exception {
        // given more records than are kept
        int written = V2Reconciliation.CONFLICTS_KEPT + 25;
        List<StoreChange> changes = new ArrayList<>();
        for (int i = 0; i < written; i++) {
            changes.add(new StoreChange.RecordConflict(new ConflictRecord(0, at(i), "t", "job-" + i, 1,
                    ConflictKind.VERSION_REALIGNED, IN_PROGRESS, 2L, IN_PROGRESS, 3L, 0, "n" + i)));
        }

        // when
        store.commit(changes).toCompletableFuture().get(60, TimeUnit.SECONDS);

        // then the oldest ones were pruned
        List<ConflictRecord> kept = store.conflicts(Integer.MAX_VALUE);
        assertEquals(V2Reconciliation.CONFLICTS_KEPT, kept.size());
        assertEquals("job-" + (written - 1), kept.get(0).jobId());
        assertEquals("job-25", kept.get(kept.size() - 1).jobId());
    }

    @Test
    void anAuditRecordBreakingAConstraintFailsItsCommitAlone() throws Exception {
        // given a record with an empty thing name, committed with an outbox entry
        ConflictRecord broken = new ConflictRecord(0, at(1), "", "a", 1, ConflictKind.REFUSED_BY_CLOUD, null, null,
                null, null, 0, "x");

        // when
        ExecutionException failed = assertThrows(ExecutionException.class, () -> store.commit(List.of(
                append(update("t", "a", 1, IN_PROGRESS, "1"), 2, at(1)), new StoreChange.RecordConflict(broken)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS));

        // then nothing of that commit was applied
        assertTrue(failed.getCause() instanceof StoreException, failed.getCause().toString());
        assertEquals(0, store.outboxSize());
        assertEquals(List.of(), store.conflicts(10));
    }

    private static List<String> keys(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.request().jobId() + "#" + e.request().executionNumber() + ":"
                + e.request().statusDetails().get("step")).toList();
    }
}
