package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which everything the connection tells the rest of the gateway happens, in order: state
 * changes (service property and listeners), notifications, and the completion of forwarded requests. Listener
 * exceptions are caught and logged; they never reach the connection.
 */
final class UpstreamEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamEvents.class);

    private final List<UpstreamListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;
    private final Consumer<ConnectionState> stateSink;
    private volatile ConnectionState lastState = ConnectionState.DISCONNECTED;

    /** @param stateSink told each state change first, on the events thread (the service registration) */
    UpstreamEvents(String name, Consumer<ConnectionState> stateSink) {
        this.stateSink = stateSink;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "edgejobs-upstream-events-" + name);
                    t.setDaemon(true);
                    return t;
                });
        this.thread = executor;
    }

    /**
     * Runs a task on the events thread.
     *
     * @return false when the events thread is closed and the task was not taken
     */
    boolean execute(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("upstream event task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("upstream events closed; task dropped");
            return false;
        }
    }

    void addListener(UpstreamListener listener) {
        listeners.add(listener);
        // a listener that arrives late learns the current state, in order with later changes
        execute(() -> call(listener, "connectionStateChanged", l -> l.connectionStateChanged(lastState)));
    }

    void removeListener(UpstreamListener listener) {
        listeners.remove(listener);
    }

    void stateChanged(ConnectionState state) {
        execute(() -> {
            if (state == lastState) {
                return;
            }
            lastState = state;
            try {
                stateSink.accept(state);
            } catch (RuntimeException e) {
                LOG.error("publishing the upstream state {} failed", state, e);
            }
            each("connectionStateChanged", l -> l.connectionStateChanged(state));
        });
    }

    /** Delivers a notify message; to be called on the events thread. */
    void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
        each("jobExecutionsChanged", l -> l.jobExecutionsChanged(thingName, event));
    }

    /** Delivers a notify-next message; to be called on the events thread. */
    void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
        each("nextJobExecutionChanged", l -> l.nextJobExecutionChanged(thingName, event));
    }

    private void each(String what, Consumer<UpstreamListener> call) {
        for (UpstreamListener listener : listeners) {
            call(listener, what, call);
        }
    }

    private static void call(UpstreamListener listener, String what, Consumer<UpstreamListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("UpstreamListener {} failed in {}", listener, what, e);
        }
    }

    /** Runs what is queued (bounded wait), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("upstream events did not drain within 5 s; dropping the rest");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
