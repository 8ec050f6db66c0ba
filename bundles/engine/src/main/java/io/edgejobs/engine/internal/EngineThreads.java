package io.edgejobs.engine.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's threads: a worker pool ({@code edgejobs-engine-N}) for requests, cache writes, prefetches and the
 * replay, and one timer thread ({@code edgejobs-engine-timer-1}) for what runs later or periodically. Work handed
 * over after close is dropped with a DEBUG line; a failing task is logged, never lost silently.
 */
final class EngineThreads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);

    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    EngineThreads(int workerThreads) {
        this.workers = Executors.newFixedThreadPool(workerThreads, threads("edgejobs-engine-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("edgejobs-engine-timer-"));
    }

    ExecutorService workers() {
        return workers;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Runs the task on a worker. */
    void onWorker(Runnable task) {
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("engine task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("engine closing; task dropped");
        }
    }

    /** Runs the task on a worker after the delay. */
    void later(Duration delay, Runnable task) {
        try {
            timer.schedule(() -> onWorker(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("engine closing; delayed task dropped");
        }
    }

    /** Runs the task on a worker every period. */
    void every(Duration period, Runnable task) {
        timer.scheduleWithFixedDelay(() -> onWorker(task), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the timer at once and gives the workers up to 5 s to finish. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("engine workers still busy after 5 s; interrupting");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
