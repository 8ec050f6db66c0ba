package io.edgejobs.upstream.mqtt.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread ({@code edgejobs-upstream-<clientId>}) on which a connection's life runs: attempts,
 * subscriptions, backoff, deadlines and paced publishes. Paho's callbacks only hand work to it, so the state
 * this work touches needs no locks. Once {@link #shutdown} ran, nothing more is taken.
 */
final class ConnectionThread {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionThread.class);

    private final ScheduledThreadPoolExecutor scheduler;

    ConnectionThread(String clientId) {
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "edgejobs-upstream-" + clientId);
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs the task on the thread; an exception it throws is logged. Dropped (debug line) once shut down. */
    void execute(Runnable task) {
        try {
            scheduler.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("upstream: internal error on the connection thread", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("upstream: closed; dropped a connection task");
        }
    }

    /**
     * Runs the task on the thread after the delay.
     *
     * @throws RejectedExecutionException once shut down (the connection is closing)
     */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return scheduler.schedule(task, delay, unit);
    }

    /** Stops the thread: what is queued or scheduled is dropped; waits up to 5 s for the running task. */
    void shutdown() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("upstream: the connection thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
