package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.store.StoreChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes. Commit calls queue up; the writer takes the first, waits up to the group-commit
 * window for more (bounded by the maximum number of changes), and commits them all in one transaction, so one
 * disk sync serves many callers. Each call's stage completes only after that COMMIT returned. If the grouped
 * transaction fails, the calls are retried one per transaction, so that a bad call fails alone.
 *
 * <p>Stages complete on a separate completion pool, not on the writer thread: a caller's dependent actions never
 * hold up the disk writer. The pool runs one completion at a time, in commit order; a dependent action that
 * blocks (for example joins another commit) makes the pool add a thread (fork/join managed blocking) instead of
 * deadlocking.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 60;
    /** Commits waiting beyond this are refused: a disk that cannot keep up must not exhaust the heap. */
    static final int QUEUE_CAPACITY = 100_000;
    private static final long FULL_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private sealed interface Task permits CommitCall, ConnectionTask, Stop {
    }

    private record CommitCall(List<StoreChange> changes, CompletableFuture<Void> done) implements Task {
    }

    private record ConnectionTask(SqlFunction<Object> work, CompletableFuture<Object> done) implements Task {
    }

    private record Stop() implements Task {
    }

    private static final Stop STOP = new Stop();

    private final Connection connection;
    private final ChangeWriter changeWriter;
    private final String description;
    private final CompletionStage<?> startGate;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private boolean accepting = true; // guarded by submitLock
    private final ExecutorService completions;
    private final Thread thread;
    private volatile long windowNanos;
    private volatile int maxChanges;
    private Task carried; // writer thread only: the task that did not fit in the last group
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private long lastFullLog = System.nanoTime() - FULL_LOG_INTERVAL_NANOS; // guarded by submitLock

    private enum Intake { QUEUED, CLOSED, FULL }

    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong committedCalls = new AtomicLong();
    private final AtomicLong failedCalls = new AtomicLong();
    private final AtomicLong groupsRetried = new AtomicLong();

    /**
     * Takes ownership of the connection (closed when the writer stops). The thread starts at once but writes
     * nothing before {@code startGate} completed (a previous store on the same file draining its queue).
     */
    GroupCommitWriter(Connection connection, String description, int windowMillis, int maxChanges,
            CompletionStage<?> startGate) throws SQLException {
        this.connection = connection;
        this.changeWriter = new ChangeWriter(connection);
        this.description = description;
        this.startGate = startGate;
        setGroupCommit(windowMillis, maxChanges);
        this.completions = new ForkJoinPool(1, GroupCommitWriter::completionThread, null, true);
        this.thread = daemon(this::run, "edgejobs-store-writer");
        thread.start();
    }

    void setGroupCommit(int windowMillis, int maxChanges) {
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        this.maxChanges = maxChanges;
    }

    /**
     * Queues a commit; returns null if the writer no longer accepts work (closed), a failed stage if the queue is
     * full.
     */
    CompletableFuture<Void> submit(List<StoreChange> changes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Intake intake = enqueue(new CommitCall(changes, done));
        if (intake == Intake.FULL) {
            failedCalls.incrementAndGet();
            return CompletableFuture.failedFuture(new StoreException("the write queue of store " + description
                    + " is full (" + QUEUE_CAPACITY + " commits waiting: the disk cannot keep up); nothing was "
                    + "applied"));
        }
        return intake == Intake.QUEUED ? done : null;
    }

    /**
     * Runs work on the writer connection between two transactions, in queue order with the commits; returns null
     * if the writer is closed.
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> onWriterConnection(SqlFunction<T> work) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        Intake intake = enqueue(new ConnectionTask((SqlFunction<Object>) work, done));
        if (intake == Intake.FULL) {
            return (CompletableFuture<T>) CompletableFuture.failedFuture(
                    new StoreException("the write queue of store " + description + " is full"));
        }
        return intake == Intake.QUEUED ? (CompletableFuture<T>) done : null;
    }

    /** Completes when the writer thread has finished: queue drained, connection closed, all stages completed. */
    CompletionStage<Void> stopped() {
        return stopped;
    }

    WriterStatistics statistics() {
        return new WriterStatistics(transactions.get(), committedCalls.get(), failedCalls.get(), groupsRetried.get());
    }

    private Intake enqueue(Task task) {
        synchronized (submitLock) {
            if (!accepting) {
                return Intake.CLOSED;
            }
            if (queue.size() >= QUEUE_CAPACITY) {
                long now = System.nanoTime();
                if (now - lastFullLog >= FULL_LOG_INTERVAL_NANOS) {
                    lastFullLog = now;
                    LOG.error("Store {}: {} commits are waiting for the disk; new commits are refused until the "
                            + "writer catches up", description, QUEUE_CAPACITY);
                }
                return Intake.FULL;
            }
            queue.add(task);
            return Intake.QUEUED;
        }
    }

    private void run() {
        try {
            awaitStartGate();
            while (true) {
                Task first = carried != null ? carried : queue.take();
                carried = null;
                if (first instanceof Stop) {
                    return;
                } else if (first instanceof ConnectionTask task) {
                    runConnectionTask(task);
                } else {
                    commitGroup(collectGroup((CommitCall) first));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Store writer of {} was interrupted; queued commits fail", description);
        } catch (RuntimeException | Error e) {
            LOG.error("Store writer of {} stopped unexpectedly; queued commits fail", description, e);
        } finally {
            stopAccepting();
            failLeftovers();
            closeConnection();
            awaitCompletions();
            stopped.complete(null);
        }
    }

    private void awaitStartGate() {
        try {
            startGate.toCompletableFuture().join();
        } catch (RuntimeException e) {
            LOG.warn("Store {}: the previous store did not close cleanly ({}); writing anyway", description,
                    e.toString());
        }
    }

    private List<CommitCall> collectGroup(CommitCall first) throws InterruptedException {
        List<CommitCall> group = new ArrayList<>();
        group.add(first);
        int changes = first.changes().size();
        int limit = maxChanges;
        long deadline = System.nanoTime() + windowNanos;
        while (changes < limit) {
            Task next = queue.poll();
            if (next == null) {
                long remaining = deadline - System.nanoTime();
                next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    break;
                }
            }
            if (next instanceof CommitCall call && changes + call.changes().size() <= limit) {
                group.add(call);
                changes += call.changes().size();
            } else {
                carried = next;
                break;
            }
        }
        return group;
    }

    private void commitGroup(List<CommitCall> group) {
        try {
            applyInOneTransaction(group);
            group.forEach(this::succeed);
        } catch (SQLException | RuntimeException e) {
            if (group.size() == 1) {
                fail(group.get(0), e);
                return;
            }
            groupsRetried.incrementAndGet();
            LOG.warn("Store {}: a transaction grouping {} commits failed ({}); retrying them one by one",
                    description, group.size(), e.toString());
            for (CommitCall call : group) {
                try {
                    applyInOneTransaction(List.of(call));
                    succeed(call);
                } catch (SQLException | RuntimeException single) {
                    fail(call, single);
                }
            }
        }
    }

    private void applyInOneTransaction(List<CommitCall> calls) throws SQLException {
        Transactions.begin(connection);
        try {
            for (CommitCall call : calls) {
                for (StoreChange change : call.changes()) {
                    changeWriter.apply(change);
                }
            }
            Transactions.commit(connection);
            transactions.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackQuietly(connection, e);
            throw e;
        }
    }

    private void runConnectionTask(ConnectionTask task) {
        try {
            Object result = task.work().apply(connection);
            completions.execute(() -> task.done().complete(result));
        } catch (SQLException | RuntimeException e) {
            completions.execute(() -> task.done().completeExceptionally(e));
        }
    }

    private void succeed(CommitCall call) {
        committedCalls.incrementAndGet();
        completions.execute(() -> call.done().complete(null));
    }

    private void fail(CommitCall call, Exception cause) {
        failedCalls.incrementAndGet();
        LOG.error("Store {}: a commit of {} change(s) failed and nothing of it was applied (first change: {})",
                description, call.changes().size(), call.changes().isEmpty() ? "none" : call.changes().get(0), cause);
        StoreException failure = new StoreException("commit of " + call.changes().size() + " change(s) to store "
                + description + " failed, nothing was applied: " + cause.getMessage(), cause);
        completions.execute(() -> call.done().completeExceptionally(failure));
    }

    private void stopAccepting() {
        synchronized (submitLock) {
            accepting = false;
        }
    }

    private void failLeftovers() {
        List<Task> leftovers = new ArrayList<>();
        if (carried != null) {
            leftovers.add(carried);
        }
        queue.drainTo(leftovers);
        for (Task task : leftovers) {
            StoreClosedException closed = new StoreClosedException("store " + description
                    + " stopped before this was written; nothing was applied");
            if (task instanceof CommitCall call) {
                failedCalls.incrementAndGet();
                LOG.error("Store {}: a commit of {} change(s) was still queued when the writer stopped; failed",
                        description, call.changes().size());
                completions.execute(() -> call.done().completeExceptionally(closed));
            } else if (task instanceof ConnectionTask connectionTask) {
                completions.execute(() -> connectionTask.done().completeExceptionally(closed));
            }
        }
        completions.shutdown();
    }

    private void closeConnection() {
        try {
            changeWriter.close();
        } catch (SQLException e) {
            LOG.warn("Store {}: closing the writer's statements failed: {}", description, e.toString());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.error("Store {}: closing the writer connection failed", description, e);
        }
    }

    /**
     * Stops taking work, lets the writer finish everything already queued (each stage completes normally or
     * exceptionally, none is dropped), then closes the writer connection. Waits at most 60 s for a stuck disk.
     */
    @Override
    public void close() {
        synchronized (submitLock) {
            if (accepting) {
                accepting = false;
                queue.add(STOP);
            }
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
            if (thread.isAlive()) {
                LOG.error("Store {}: the writer did not finish its queue within {} s (disk stuck?); its pending "
                        + "commits complete when it does", description, CLOSE_TIMEOUT_SECONDS);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Store {}: interrupted while waiting for the writer to finish", description);
        }
    }

    private void awaitCompletions() {
        try {
            if (!completions.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Store {}: dependent actions of completed commits still run after {} s", description,
                        CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ForkJoinWorkerThread completionThread(ForkJoinPool pool) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("edgejobs-store-completion-" + thread.getPoolIndex());
        return thread;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
