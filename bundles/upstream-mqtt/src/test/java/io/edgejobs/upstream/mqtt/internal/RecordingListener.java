package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An UpstreamListener that records what it is told, and the thread it is told on. */
class RecordingListener implements UpstreamListener {
    record Notify(String thingName, JobExecutionsChangedEvent event) {
    }

    record NotifyNext(String thingName, NextJobExecutionChangedEvent event) {
    }

    final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    final List<Notify> notifies = new CopyOnWriteArrayList<>();
    final List<NotifyNext> notifyNexts = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void connectionStateChanged(ConnectionState state) {
        threads.add(Thread.currentThread().getName());
        states.add(state);
    }

    @Override
    public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
        threads.add(Thread.currentThread().getName());
        notifies.add(new Notify(thingName, event));
    }

    @Override
    public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
        threads.add(Thread.currentThread().getName());
        notifyNexts.add(new NotifyNext(thingName, event));
    }
}
