package io.edgejobs.emulator.internal.mqtt;

import io.edgejobs.api.jobs.PendingNotifications;
import io.edgejobs.api.mqtt.MqttServer;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.emulator.internal.cloud.NotificationSink;
import io.edgejobs.wire.MqttJobsCodec;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes notify and notify-next through the broker to every subscriber (a device's own
 * {@code $aws/things/T/jobs/notify-next} or a gateway's {@code $aws/things/+/jobs/notify-next}), at QoS 1.
 */
final class MqttNotificationSink implements NotificationSink {

    private static final Logger LOG = LoggerFactory.getLogger(MqttNotificationSink.class);
    private static final int NOTIFICATION_QOS = 1;

    private final Supplier<MqttServer> server;
    private final MqttJobsCodec codec;

    MqttNotificationSink(Supplier<MqttServer> server, MqttJobsCodec codec) {
        this.server = server;
        this.codec = codec;
    }

    @Override
    public void publish(String thingName, PendingNotifications notifications) {
        MqttServer s = server.get();
        if (s == null) {
            return;
        }
        notifications.notifyEvent().ifPresent(event -> {
            int n = s.publish(JobsTopics.notify(thingName), codec.encodeNotification(event), NOTIFICATION_QOS, false);
            LOG.debug("thing {}: notify published to {} subscribers", thingName, n);
        });
        notifications.notifyNextEvent().ifPresent(event -> {
            int n = s.publish(JobsTopics.notifyNext(thingName), codec.encodeNotification(event), NOTIFICATION_QOS,
                    false);
            LOG.debug("thing {}: notify-next published to {} subscribers", thingName, n);
        });
    }
}
