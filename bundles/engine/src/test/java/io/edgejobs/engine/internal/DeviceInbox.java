package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobNotificationListener;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the engine relayed to the devices, as a transport would receive it. */
final class DeviceInbox implements JobNotificationListener {

    final List<JobExecutionsChangedEvent> notify = new CopyOnWriteArrayList<>();
    final List<NextJobExecutionChangedEvent> notifyNext = new CopyOnWriteArrayList<>();

    @Override
    public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
        notify.add(event);
    }

    @Override
    public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
        notifyNext.add(event);
    }

    /** The job announced by the last notify-next, or "none" when it announced an empty queue. */
    String lastNext() {
        NextJobExecutionChangedEvent last = notifyNext.get(notifyNext.size() - 1);
        return last.execution() == null ? "none" : last.execution().jobId() + " v" + last.execution().versionNumber();
    }

    void clear() {
        notify.clear();
        notifyNext.clear();
    }
}
