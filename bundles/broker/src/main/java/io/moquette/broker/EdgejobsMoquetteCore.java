package io.moquette.broker;

import io.moquette.broker.security.AcceptAllAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.CTrieSubscriptionDirectory;
import io.moquette.broker.subscriptions.ISubscriptionsDirectory;
import io.moquette.broker.subscriptions.Subscription;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.BrokerInterceptor;
import io.moquette.persistence.MemorySessionsRepository;
import io.moquette.persistence.MemorySubscriptionsRepository;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.AttributeKey;
import java.time.Clock;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * EDGEJOBS CODE, NOT MOQUETTE'S. The one place that touches Moquette 0.17 internals.
 *
 * <p>It sits in Moquette's package because the pieces it wires are package-private there (SessionRegistry,
 * PostOffice, Session, MQTTConnectionFactory...). Moquette is embedded privately in this bundle, so this class and
 * Moquette's classes share one class loader and one runtime package; the compiler checks every use against the
 * pinned jar, which is why this is preferred over reflection. {@code MoquetteCoreContractTest} pins the version
 * ({@code Server.MOQUETTE_VERSION}) so that an upgrade fails the build until this class has been reviewed.
 *
 * <p>It replaces {@code io.moquette.broker.Server#startServer} for the in-memory case: same construction order and
 * the same classes, minus the parts Edgejobs does not want (the Netty acceptor, telemetry, H2, websockets,
 * metrics), plus the two things {@code Server} does not offer: point-to-point delivery to one session
 * ({@link #sendTo}) and the MQTT protocol handler for an Edgejobs-built Netty pipeline ({@link #mqttHandler()}).
 */
public final class EdgejobsMoquetteCore {

    /** The channel attribute under which NewNettyMQTTHandler keeps the connection's MQTTConnection. */
    private static final AttributeKey<Object> CONNECTION = AttributeKey.valueOf("connection");

    private final ScheduledExecutorService scheduler;
    private final BrokerInterceptor interceptor;
    private final ISubscriptionsDirectory subscriptions;
    private final SessionRegistry sessions;
    private final PostOffice postOffice;
    private final NewNettyMQTTHandler mqttHandler;
    private final MoquetteIdleTimeoutHandler idleTimeoutHandler = new MoquetteIdleTimeoutHandler();

    /**
     * @param authorizatorPolicy asked on SUBSCRIBE ({@code canRead}) and on client PUBLISH ({@code canWrite})
     * @param scheduler runs Moquette's expired-session sweeper; owned (shut down) by the caller
     * @param sessionQueueSize capacity of each session event loop's command queue
     */
    public EdgejobsMoquetteCore(IAuthorizatorPolicy authorizatorPolicy, ScheduledExecutorService scheduler,
                                int sessionQueueSize) {
        this.scheduler = scheduler;
        // No intercept handlers: Edgejobs observes connections and publishes in its own pipeline handler, in order.
        this.interceptor = new BrokerInterceptor(Collections.emptyList());
        this.subscriptions = new CTrieSubscriptionDirectory();
        this.subscriptions.init(new MemorySubscriptionsRepository());
        Authorizator authorizator = new Authorizator(authorizatorPolicy);
        SessionEventLoopGroup loops = new SessionEventLoopGroup(interceptor, sessionQueueSize);
        this.sessions = new SessionRegistry(subscriptions, new MemorySessionsRepository(), new MemoryQueueRepository(),
            authorizator, scheduler, Clock.systemDefaultZone(), Session.INFINITE_EXPIRY, loops);
        this.postOffice = new PostOffice(subscriptions, new MemoryRetainedRepository(), sessions, interceptor,
            authorizator, loops);
        // Anonymous allowed and accept-all: the Edgejobs pipeline handler authenticates the CONNECT before Moquette
        // sees it, so every CONNECT that reaches Moquette has already been accepted.
        BrokerConfiguration config = new BrokerConfiguration(true, false, false,
            io.moquette.BrokerConstants.IMMEDIATE_BUFFER_FLUSH);
        MQTTConnectionFactory connections = new MQTTConnectionFactory(config, new AcceptAllAuthenticator(), sessions,
            postOffice);
        this.mqttHandler = new NewNettyMQTTHandler(connections);
    }

    /** Moquette's sharable MQTT protocol handler; the last handler of each client pipeline. */
    public ChannelHandler mqttHandler() {
        return mqttHandler;
    }

    /**
     * Moquette's sharable handler that closes a connection on the reader-idle event of the IdleStateHandler that
     * Moquette expects to find under the name {@code "idleStateHandler"} (it replaces that handler with one sized
     * to the client's keep-alive once connected).
     */
    public ChannelHandler idleTimeoutHandler() {
        return idleTimeoutHandler;
    }

    /**
     * Whether Moquette has finished accepting the connection of this channel. Moquette 0.17 marks a connection
     * connected in a listener it adds to the CONNACK write from the session thread; when the write completed before
     * the listener was added, Netty runs the listener later as a task of the channel's event loop, and a packet the
     * client sent on receipt of the CONNACK can be read before that task: Moquette then drops a SUBSCRIBE ("SUBSCRIBE
     * received on already closed connection") and closes the connection. The pipeline uses this to hold such packets.
     */
    public boolean connectionAccepted(Channel channel) {
        return channel.attr(CONNECTION).get() instanceof MQTTConnection connection && connection.isConnected();
    }

    /**
     * Delivers to one client's session only, if it is connected and one of its subscriptions matches the topic.
     * Runs the delivery on the client's session event loop, as every Moquette delivery does.
     */
    public boolean sendTo(String clientId, String topicName, byte[] payload, MqttQoS requestedQos) {
        Topic topic = new Topic(topicName);
        Optional<Subscription> subscription = subscriptions.matchQosSharpening(topic).stream()
            .filter(s -> s.getClientId().equals(clientId))
            .findFirst();
        if (subscription.isEmpty()) {
            return false;
        }
        Session session = sessions.retrieve(clientId);
        if (session == null || !session.connected()) {
            return false;
        }
        MqttQoS qos = PostOffice.lowerQosToTheSubscriptionDesired(subscription.get(), requestedQos);
        ByteBuf buffer = Unpooled.wrappedBuffer(payload);
        PostOffice.RouteResult routed = postOffice.routeCommand(clientId, "edgejobs sendTo", () -> {
            try {
                // Checked again on the session loop: a persistent session that went offline meanwhile would queue
                // the message for its next connection, and a response belongs to the requesting connection only.
                if (session.connected()) {
                    session.sendNotRetainedPublishOnSessionAtQos(topic, qos, buffer);
                }
            } finally {
                buffer.release();
            }
            return null;
        });
        if (!routed.isSuccess()) {
            buffer.release();
            return false;
        }
        return true;
    }

    /** Moquette's internal publish: fan-out to every matching subscription, optional retain, no authorization. */
    public int publish(String topicName, byte[] payload, MqttQoS qos, boolean retain) {
        MqttPublishMessage message = MqttMessageBuilders.publish()
            .topicName(topicName)
            .qos(qos)
            .retained(retain)
            .messageId(0)
            .payload(Unpooled.wrappedBuffer(payload))
            .build();
        try {
            return postOffice.internalPublish(message).successedRoutings.size();
        } finally {
            message.payload().release();
        }
    }

    /** Stops the session loops and the interceptor pool; network connections must be closed before. */
    public void close() {
        sessions.close();
        interceptor.stop();
        postOffice.terminate();
    }
}
