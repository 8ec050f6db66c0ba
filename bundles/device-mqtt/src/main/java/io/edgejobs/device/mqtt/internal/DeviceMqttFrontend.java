package io.edgejobs.device.mqtt.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobNotificationListener;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.api.mqtt.MqttServer;
import io.edgejobs.api.mqtt.MqttServerFactory;
import io.edgejobs.api.mqtt.MqttServerHandler;
import io.edgejobs.api.presence.ThingPresenceListener;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.wire.JobsMqttDispatcher;
import io.edgejobs.wire.MqttJobsCodec;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device listener without OSGi: an {@link MqttServer} whose Jobs requests go through the shared
 * {@link JobsMqttDispatcher} to the gateway's {@link JobsDataPlane}, answers back to the requesting connection only
 * ({@link MqttServer#sendTo}), and notifications published to the thing's subscribers.
 *
 * <p>Threads: the server's handler threads only parse and validate; the data plane queues the request and the
 * answer is sent from the thread that completes it.
 */
public final class DeviceMqttFrontend implements MqttServerHandler, JobNotificationListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceMqttFrontend.class);

    /** Answers and notifications are sent at QoS 1, lowered by the broker to each subscription's QoS. */
    static final int QOS = 1;

    private final JobsDataPlane dataPlane;
    private final ThingPresenceListener presence;
    private final Clock clock;
    private final MqttJobsCodec codec;
    private final DeviceAuthorization authorization;
    private volatile JobsMqttDispatcher dispatcher;
    private volatile MqttServer server;

    private DeviceMqttFrontend(JobsDataPlane dataPlane, ThingPresenceListener presence, DeviceMqttOptions options,
            Clock clock) {
        this.dataPlane = Objects.requireNonNull(dataPlane, "dataPlane");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codec = new MqttJobsCodec(clock);
        this.authorization = new DeviceAuthorization(options.allowAnonymous());
        this.dispatcher = dispatcher(options);
    }

    /**
     * Binds the listener.
     *
     * @param presence told about every device that connects
     * @throws IOException when the address cannot be bound
     */
    public static DeviceMqttFrontend start(MqttServerFactory factory, DeviceMqttOptions options,
            JobsDataPlane dataPlane, ThingPresenceListener presence, Clock clock) throws IOException {
        DeviceMqttFrontend frontend = new DeviceMqttFrontend(dataPlane, presence, options, clock);
        frontend.server = factory.start(options.serverOptions(), frontend);
        LOG.info("device MQTT listener on {} (plain port {}, TLS port {}; max message {} bytes, anonymous {}, "
                + "statusDetails values up to {})", frontend.server.host(),
                options.plainListenerEnabled() ? frontend.server.boundPort() : "off",
                options.tls() == null ? "off" : frontend.server.tlsBoundPort() + (options.tls().clientCertificateRequired()
                        ? " with device certificates (CN = thing name)" : " without device certificates"),
                options.maxMessageBytes(), options.allowAnonymous(), options.limits().maxStatusDetailValueLength());
        if (options.plainListenerEnabled() && options.tls() != null) {
            LOG.info("the plain device listener runs beside the TLS one; production gateways should set "
                    + "plainListenerEnabled=false");
        }
        return frontend;
    }

    /**
     * Applies settings that need no new listener (validation limits); allowAnonymous is not among them: a change
     * of it starts a new listener ({@link DeviceMqttOptions#needsNewListener}), whose frontend reads it once.
     */
    void apply(DeviceMqttOptions options) {
        dispatcher = dispatcher(options);
    }

    /** The plain listener's port; -1 when it is off. */
    public int boundPort() {
        return server.boundPort();
    }

    /** The TLS listener's port; -1 when there is none. */
    public int tlsBoundPort() {
        return server.tlsBoundPort();
    }

    public Set<String> connectedThings() {
        return server.connectedClientIds();
    }

    private JobsMqttDispatcher dispatcher(DeviceMqttOptions options) {
        return new JobsMqttDispatcher(dataPlane, new RequestValidator(options.limits()), codec, clock,
                JobsMqttDispatcher.RequestGate.OPEN);
    }

    // ---- MqttServerHandler ---------------------------------------------------------------------------------

    @Override
    public boolean authenticate(String clientId, String username, byte[] password) {
        return authorization.mayConnect(clientId, username);
    }

    @Override
    public boolean authenticate(String clientId, String username, byte[] password, X509Certificate certificate) {
        return authorization.mayConnect(clientId, username, certificate);
    }

    @Override
    public boolean authorizePublish(String clientId, String username, String topic) {
        return authorization.mayPublish(clientId, topic);
    }

    @Override
    public boolean authorizeSubscribe(String clientId, String username, String topicFilter) {
        return authorization.maySubscribe(clientId, topicFilter);
    }

    @Override
    public void onConnect(String clientId, String username) {
        LOG.info("thing {} connected{}", clientId, DeviceAuthorization.userName(username) == null ? ""
                : " as user " + DeviceAuthorization.userName(username));
        try {
            presence.thingSeen(clientId);
        } catch (RuntimeException e) {
            LOG.error("thing {}: reporting its presence failed", clientId, e);
        }
    }

    @Override
    public void onDisconnect(String clientId, String username) {
        LOG.info("thing {} disconnected", clientId);
    }

    @Override
    public void onPublish(String clientId, String username, String topic, byte[] payload) {
        boolean handled = dispatcher.dispatch(clientId, topic, payload, (answerTopic, answer, operation) -> {
            MqttServer s = server;
            if (s == null || !s.sendTo(clientId, answerTopic, answer, QOS)) {
                LOG.info("thing {}: answer on {} not delivered (disconnected, or not subscribed to it)", clientId,
                        answerTopic);
            }
        });
        if (!handled) {
            // authorizePublish lets only Jobs topics through, so this is a broker that routed something else here
            LOG.warn("thing {}: ignored publish to {} outside the Jobs namespace", clientId, topic);
        }
    }

    // ---- JobNotificationListener -----------------------------------------------------------------------------

    @Override
    public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
        publish(JobsTopics.notify(thingName), codec.encodeNotification(event));
    }

    @Override
    public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
        publish(JobsTopics.notifyNext(thingName), codec.encodeNotification(event));
    }

    private void publish(String topic, byte[] payload) {
        MqttServer s = server;
        if (s != null) {
            int receivers = s.publish(topic, payload, QOS, false);
            LOG.debug("{} published to {} subscribers", topic, receivers);
        }
    }

    @Override
    public void close() {
        MqttServer s = server;
        if (s != null) {
            s.close();
        }
    }
}
