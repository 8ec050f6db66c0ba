package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.PendingNotifications;

/** Where notify and notify-next messages go (the MQTT listener's broker). Called on the thing's lane, in order. */
@FunctionalInterface
public interface NotificationSink {

    /** Drops every notification (no MQTT listener yet). */
    NotificationSink NONE = (thingName, notifications) -> {
    };

    void publish(String thingName, PendingNotifications notifications);
}
