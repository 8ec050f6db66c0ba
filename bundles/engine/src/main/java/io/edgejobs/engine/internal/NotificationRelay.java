package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobNotificationListener;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes notify and notify-next on to the transports that deliver them to devices. */
final class NotificationRelay {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRelay.class);

    private final List<JobNotificationListener> listeners = new CopyOnWriteArrayList<>();

    void add(JobNotificationListener listener) {
        listeners.add(listener);
    }

    void remove(JobNotificationListener listener) {
        listeners.remove(listener);
    }

    void jobExecutionsChanged(String thing, JobExecutionsChangedEvent event) {
        each(thing, "notify", l -> l.jobExecutionsChanged(thing, event));
    }

    void nextJobExecutionChanged(String thing, NextJobExecutionChangedEvent event) {
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
