package io.edgejobs.store.sqlite.internal;

import static io.edgejobs.store.sqlite.internal.StoreFixtures.append;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.at;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.execution;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.update;
import static io.edgejobs.api.jobs.JobExecutionStatus.QUEUED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupCommitTest {
    private static final int THREADS = 8;
    private static final int COMMITS_PER_THREAD = 500;

    @TempDir
    Path dir;

    /**
     * Callers that wait for each commit before the next (the usual pattern: grouping comes from concurrency only),
     * and callers that fire all their commits at once (grouping and FIFO order under a deep queue).
     */
    @ParameterizedTest(name = "each caller waits for its previous commit: {0}")
    @ValueSource(booleans = {true, false})
    void concurrentCommitsAreGroupedIntoFewerTransactionsAndAllSurviveAReopen(boolean awaitEach) throws Exception {
        // given
        Path file = dir.resolve("store.db");
        SqliteJobStore store = StoreFixtures.open(file);
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();

        // when: 8 threads each commit 500 times (an execution and an outbox entry per commit)
        for (int t = 0; t < THREADS; t++) {
            String thing = "thing-" + t;
            submitted.add(callers.submit(() -> {
                start.await();
                List<CompletableFuture<Void>> stages = new ArrayList<>();
                for (int n = 1; n <= COMMITS_PER_THREAD; n++) {
                    CompletableFuture<Void> stage = store.commit(List.of(
                            new StoreChange.PutExecution(execution(thing, "job-" + n, n, QUEUED, at(n))),
                            append(update(thing, "job-" + n, thing + "/" + n), n, at(n))))
                            .toCompletableFuture();
                    if (awaitEach) {
                        stage.get(30, TimeUnit.SECONDS);
                    }
                    stages.add(stage);
                }
                return stages;
            }));
        }
        start.countDown();
        for (Future<List<CompletableFuture<Void>>> stages : submitted) {
            CompletableFuture.allOf(stages.get(60, TimeUnit.SECONDS).toArray(CompletableFuture[]::new))
                    .get(120, TimeUnit.SECONDS);
        }
        callers.shutdown();
        WriterStatistics statistics = store.statistics();
        store.close();

        // then: every commit applied, in far fewer transactions
        int commits = THREADS * COMMITS_PER_THREAD;
        assertEquals(commits, statistics.committedCalls());
        assertEquals(0, statistics.failedCalls());
        assertTrue(statistics.transactions() < commits,
                "expected grouping, got " + statistics.transactions() + " transactions for " + commits + " commits");
        System.out.printf("group commit (awaitEach=%s): %d commits in %d transactions%n", awaitEach, commits,
                statistics.transactions());

        try (SqliteJobStore reopened = StoreFixtures.open(file)) {
            assertEquals(commits, reopened.outboxSize());
            List<OutboxEntry> outbox = reopened.outbox(commits);
            for (int t = 0; t < THREADS; t++) {
                String thing = "thing-" + t;
                assertEquals(COMMITS_PER_THREAD, reopened.executions(thing).size(), thing);
                List<String> tokensInSequenceOrder = outbox.stream()
                        .filter(e -> e.request().thingName().equals(thing))
                        .map(e -> e.request().clientToken()).toList();
                List<String> tokensInSubmitOrder = new ArrayList<>();
                for (int n = 1; n <= COMMITS_PER_THREAD; n++) {
                    tokensInSubmitOrder.add(thing + "/" + n);
                }
                assertEquals(tokensInSubmitOrder, tokensInSequenceOrder, "each caller's commits keep their order");
            }
        }
    }

    @Test
    void aBadCommitInAGroupFailsAloneAndTheOthersAreCommitted() throws Exception {
        // given: the writer is held back so that the three commits are grouped
        CompletableFuture<Void> gate = new CompletableFuture<>();
        try (SqliteJobStore store = StoreOpener.standard().open(StoreOptions.defaults(dir.resolve("s.db")), gate)) {
            CompletableFuture<Void> good1 = submit(store, new StoreChange.AddThing("good-1", at(0)));
            CompletableFuture<Void> bad = submit(store, new StoreChange.AddThing("bad-sibling", at(0)),
                    new StoreChange.PutExecution(execution("t", "j", -5, QUEUED, at(0))));
            CompletableFuture<Void> good2 = submit(store, new StoreChange.AddThing("good-2", at(0)));

            // when
            gate.complete(null);

            // then
            good1.get(30, TimeUnit.SECONDS);
            good2.get(30, TimeUnit.SECONDS);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
            assertInstanceOf(StoreException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("CHECK constraint"), failure.getCause().getMessage());
            assertEquals(List.of("good-1", "good-2"), List.copyOf(store.knownThings()));
            WriterStatistics statistics = store.statistics();
            assertEquals(1, statistics.groupsRetriedOneByOne());
            assertEquals(2, statistics.committedCalls());
            assertEquals(1, statistics.failedCalls());
        }
    }

    @Test
    void groupsAreBoundedByTheMaximumNumberOfChanges() throws Exception {
        // given: at most 7 changes per transaction, commits of 3 changes, and one of 10
        StoreOptions options = StoreOptions.defaults(dir.resolve("s.db")).withGroupCommit(0, 7);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        try (SqliteJobStore store = StoreOpener.standard().open(options, gate)) {
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                stages.add(submit(store, thing("a" + i), thing("b" + i), thing("c" + i)));
            }
            StoreChange[] big = new StoreChange[10];
            for (int i = 0; i < big.length; i++) {
                big[i] = thing("big" + i);
            }
            stages.add(submit(store, big));

            // when
            gate.complete(null);
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            // then: 2 commits (6 changes) per transaction, and the big one alone
            assertEquals(6, store.statistics().transactions());
            assertEquals(40, store.knownThings().size());
        }
    }

    @Test
    void aFullWriteQueueRefusesNewCommitsInsteadOfExhaustingTheHeap() throws Exception {
        // given: a held-back writer with a full queue
        CompletableFuture<Void> gate = new CompletableFuture<>();
        try (SqliteJobStore store = StoreOpener.standard().open(StoreOptions.defaults(dir.resolve("s.db")), gate)) {
            List<CompletableFuture<Void>> queued = new ArrayList<>();
            for (int i = 0; i < GroupCommitWriter.QUEUE_CAPACITY; i++) {
                queued.add(submit(store, thing("t" + i)));
            }

            // when
            CompletableFuture<Void> refused = submit(store, thing("one-too-many"));

            // then
            ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
            assertTrue(failure.getCause().getMessage().contains("write queue"), failure.getCause().getMessage());
            gate.complete(null);
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            assertEquals(GroupCommitWriter.QUEUE_CAPACITY, store.knownThings().size());
            submit(store, thing("after")).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingFinishesEveryQueuedCommitBeforeItReturns() throws Exception {
        // given: 100 commits queued behind a held-back writer
        Path file = dir.resolve("s.db");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        SqliteJobStore store = StoreOpener.standard().open(StoreOptions.defaults(file), gate);
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            stages.add(submit(store, thing("t" + i)));
        }

        // when: close starts while they wait, then the writer may go
        CompletableFuture<Void> closed = CompletableFuture.runAsync(store::close);
        while (store.trySubmit(List.of()) != null) {
            Thread.onSpinWait(); // until close() has stopped intake
        }
        gate.complete(null);
        closed.get(60, TimeUnit.SECONDS);

        // then: nothing pending, nothing lost
        for (CompletableFuture<Void> stage : stages) {
            assertTrue(stage.isDone() && !stage.isCompletedExceptionally());
        }
        assertNull(store.trySubmit(List.of(thing("late"))));
        try (SqliteJobStore reopened = StoreFixtures.open(file)) {
            assertEquals(100, reopened.knownThings().size());
        }
    }

    @Test
    void aDependentActionThatWaitsForAnotherCommitDoesNotDeadlock() throws Exception {
        try (SqliteJobStore store = StoreFixtures.open(dir.resolve("s.db"))) {
            // given
            CompletableFuture<String> nested = store.commit(List.of(thing("outer"))).toCompletableFuture()
                    .thenApply(ignored -> {
                        store.commit(List.of(thing("inner"))).toCompletableFuture().join();
                        return "both";
                    });

            // when / then
            assertEquals("both", nested.get(30, TimeUnit.SECONDS));
            assertEquals(List.of("inner", "outer"), List.copyOf(store.knownThings()));
        }
    }

    @Test
    void stagesCompleteInCommitOrderOffTheWriterThread() throws Exception {
        // given: a held-back writer, so that every dependent action is attached before its stage completes
        CompletableFuture<Void> gate = new CompletableFuture<>();
        try (SqliteJobStore store = StoreOpener.standard().open(StoreOptions.defaults(dir.resolve("s.db")), gate)) {
            List<Integer> completionOrder = Collections.synchronizedList(new ArrayList<>());
            List<String> completionThreads = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                stages.add(store.commit(List.of(thing("t" + i))).toCompletableFuture().whenComplete((v, e) -> {
                    completionOrder.add(n);
                    completionThreads.add(Thread.currentThread().getName());
                }));
            }

            // when
            gate.complete(null);
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            // then
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add(i);
            }
            assertEquals(expected, completionOrder);
            Map<String, Long> threads = completionThreads.stream()
                    .collect(Collectors.groupingBy(name -> name.replaceAll("-\\d+$", ""), Collectors.counting()));
            assertEquals(Map.of("edgejobs-store-completion", 200L), threads);
        }
    }

    private static StoreChange thing(String name) {
        return new StoreChange.AddThing(name, at(0));
    }

    private static CompletableFuture<Void> submit(SqliteJobStore store, StoreChange... changes) {
        return store.commit(List.of(changes)).toCompletableFuture();
    }
}
