package io.edgejobs.api.dataplane;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the notify and notify-next messages of things: registered by transports that deliver them to
 * devices, and by the engine to learn of the cloud's changes. Implementations must return quickly.
 */
@ConsumerType
public interface JobNotificationListener {
    void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event);

    void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event);
}
