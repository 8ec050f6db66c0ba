package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobNotificationListener;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes notify and notify-next on to the transports that deliver them to devices, <em>in order per thing</em>: a
 * notification whose content is still being prepared (its job document re-described because its presigned URLs
 * expire, rule 7 of docs/reconciliation.md) holds back the thing's later notifications, so a later one never
 * overtakes it. When nothing of the thing waits, a notification is delivered at once on the caller's thread.
 */
final class NotificationRelay {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRelay.class);
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final List<JobNotificationListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    void add(JobNotificationListener listener) {
        listeners.add(listener);
    }

    void remove(JobNotificationListener listener) {
        listeners.remove(listener);
    }

    void jobExecutionsChanged(String thing, JobExecutionsChangedEvent event) {
        inOrder(thing, CompletableFuture.completedFuture(() -> deliverNotify(thing, event)));
    }

    void nextJobExecutionChanged(String thing, NextJobExecutionChangedEvent event) {
        inOrder(thing, CompletableFuture.completedFuture(() -> deliverNotifyNext(thing, event)));
    }

    /**
     * Delivers what {@code ready} yields once it completes and every notification of the thing queued before it was
     * delivered; a failed {@code ready} is logged and delivers nothing (the later ones still go).
     */
    void inOrder(String thing, CompletionStage<? extends Runnable> ready) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(thing, done);
        (previous == null ? IDLE : previous).thenCompose(v -> ready).whenComplete((delivery, error) -> {
            try {
                if (error == null) {
                    delivery.run();
                } else {
                    LOG.error("thing {}: a notification could not be prepared; not sent", thing,
                            Failures.unwrap(error));
                }
            } finally {
                tails.remove(thing, done);
                done.complete(null);
            }
        });
    }

    /** How many things have a notification waiting (tests, diagnostics). */
    int waiting() {
        return tails.size();
    }

    void deliverNotify(String thing, JobExecutionsChangedEvent event) {
        each(thing, "notify", l -> l.jobExecutionsChanged(thing, event));
    }

    void deliverNotifyNext(String thing, NextJobExecutionChangedEvent event) {
        each(thing, "notify-next", l -> l.nextJobExecutionChanged(thing, event));
    }

    private void each(String thing, String what, Consumer<JobNotificationListener> call) {
        for (JobNotificationListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("thing {}: relaying {} to {} failed", thing, what, listener, e);
            }
        }
    }
}
