package io.edgejobs.broker.internal;

import io.edgejobs.api.mqtt.MqttServer;
import io.edgejobs.api.mqtt.MqttServerHandler;
import io.edgejobs.api.mqtt.MqttServerOptions;
import io.moquette.broker.EdgejobsMoquetteCore;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An MQTT 3.1.1 listener: Moquette's protocol core behind an Edgejobs-built Netty pipeline. */
final class MoquetteMqttServer implements MqttServer {

    private static final Logger LOG = LoggerFactory.getLogger(MoquetteMqttServer.class);
    private static final String PLAIN = "plain";
    private static final String TLS = "tls";

    private final MqttServerOptions options;
    private final OrderedCallbacks callbacks;
    private final GuardedHandler guarded;
    private final ConnectionRegistry connections;
    private final ScheduledExecutorService scheduler;
    private final EdgejobsMoquetteCore core;
    private final Consumer<MoquetteMqttServer> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private NettyListener listener;

    private MoquetteMqttServer(MqttServerOptions options, ServerSettings settings, MqttServerHandler handler,
                               Consumer<MoquetteMqttServer> onClose) {
        this.options = options;
        this.onClose = onClose;
        this.callbacks = new OrderedCallbacks(options.name(), settings.handlerThreads());
        this.guarded = new GuardedHandler(options.name(), handler, callbacks);
        this.connections = new ConnectionRegistry(options.name(), guarded);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("mqtt-" + options.name() + "-sweeper", true));
        this.core = new EdgejobsMoquetteCore(new SubscribeAuthorization(guarded), scheduler,
            settings.sessionQueueSize());
    }

    /**
     * Starts a server and binds its port.
     *
     * @param onClose told once when the server closes (the factory forgets it)
     */
    static MoquetteMqttServer start(MqttServerOptions options, ServerSettings settings, MqttServerHandler handler,
                                    Consumer<MoquetteMqttServer> onClose) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        MoquetteMqttServer server = new MoquetteMqttServer(options, settings, handler, onClose);
        TapContext tapContext = new TapContext(options.name(), server.guarded, server.connections,
            options.consumedTopicFilters().stream().map(TopicFilter::of).toList(), options.allowAnonymous(),
            settings.handlerBacklogPerClient(), server.core::connectionAccepted);
        int maxMessageBytes = settings.maxMessageBytes(options);
        List<NettyListener.Endpoint> endpoints = new ArrayList<>();
        ServerTls tls = null;
        try {
            if (options.plainListenerEnabled()) {
                endpoints.add(new NettyListener.Endpoint(PLAIN, options.port(), channel -> server.initPipeline(
                    channel.pipeline(), settings.connectTimeoutSeconds(), maxMessageBytes, tapContext)));
            }
            if (options.tls() != null) {
                ServerTls serverTls = ServerTls.load(options.tls());
                tls = serverTls;
                TlsHandshakeLog handshakeLog = new TlsHandshakeLog(options.name());
                long handshakeTimeoutMillis = settings.connectTimeoutSeconds() * 1000L;
                endpoints.add(new NettyListener.Endpoint(TLS, options.tls().port(), channel -> {
                    ChannelPipeline pipeline = channel.pipeline();
                    pipeline.addLast(ServerTls.HANDLER_NAME, serverTls.newHandler(handshakeTimeoutMillis));
                    pipeline.addLast("tlsHandshakeLog", handshakeLog);
                    server.initPipeline(pipeline, settings.connectTimeoutSeconds(), maxMessageBytes, tapContext);
                }));
            }
            server.listener = NettyListener.bind(options.name(), options.host(), settings.workerThreads(), endpoints);
        } catch (IOException | RuntimeException e) {
            server.releaseCore();
            throw e;
        }
        LOG.info("[{}] MQTT listener on {} (plain port {}, TLS port {}; max message {} bytes, anonymous {}, "
                + "point-to-point topics {}){}", options.name(), options.host(),
            options.plainListenerEnabled() ? server.boundPort() : "off",
            options.tls() != null ? server.tlsBoundPort() : "off", maxMessageBytes,
            options.allowAnonymous() ? "allowed" : "refused", options.consumedTopicFilters(),
            tls == null ? "" : "; TLS: " + tls);
        return server;
    }

    private void initPipeline(ChannelPipeline pipeline, int connectTimeoutSeconds, int maxMessageBytes,
                              TapContext tapContext) {
        // Names as Moquette expects them: MQTTConnection replaces "idleStateHandler" once connected.
        pipeline.addLast("idleStateHandler", new IdleStateHandler(connectTimeoutSeconds, 0, 0));
        pipeline.addLast("idleEventHandler", core.idleTimeoutHandler());
        pipeline.addLast("decoder", new MqttDecoder(maxMessageBytes));
        pipeline.addLast("encoder", MqttEncoder.INSTANCE);
        pipeline.addLast("edgejobsTap", new ClientPacketTap(tapContext));
        pipeline.addLast("handler", core.mqttHandler());
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public String host() {
        return options.host();
    }

    @Override
    public int boundPort() {
        return listener.port(PLAIN);
    }

    @Override
    public int tlsBoundPort() {
        return listener.port(TLS);
    }

    @Override
    public boolean sendTo(String clientId, String topic, byte[] payload, int qos) {
        Objects.requireNonNull(clientId, "clientId");
        MqttQoS mqttQos = checkedQos(topic, payload, qos);
        if (closed.get()) {
            LOG.debug("[{}] closed, not sending {} to {}", options.name(), topic, clientId);
            return false;
        }
        boolean sent = core.sendTo(clientId, topic, payload, mqttQos);
        if (!sent) {
            LOG.debug("[{}] {} not sent to {}: not connected or no matching subscription", options.name(), topic,
                clientId);
        }
        return sent;
    }

    @Override
    public int publish(String topic, byte[] payload, int qos, boolean retain) {
        MqttQoS mqttQos = checkedQos(topic, payload, qos);
        if (closed.get()) {
            LOG.debug("[{}] closed, not publishing {}", options.name(), topic);
            return 0;
        }
        return core.publish(topic, payload, mqttQos, retain);
    }

    private static MqttQoS checkedQos(String topic, byte[] payload, int qos) {
        if (!TopicFilter.isValidTopicName(topic)) {
            throw new IllegalArgumentException("not a topic name: '" + topic + "'");
        }
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, was " + qos);
        }
        return MqttQoS.valueOf(qos);
    }

    @Override
    public Set<String> connectedClientIds() {
        return connections.clientIds();
    }

    @Override
    public boolean disconnect(String clientId) {
        return connections.disconnect(clientId);
    }

    /** The server side of a client's current connection; for tests that inspect socket options. */
    Channel channelOf(String clientId) {
        return connections.channelOf(clientId);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("[{}] closing MQTT listener on {} (plain port {}, TLS port {})", options.name(), options.host(),
            boundPort(), tlsBoundPort());
        // Connections first; then Moquette's session loops, which may still write to those channels; then the
        // network threads, which run the pending close events (queuing onDisconnect); last the callbacks.
        listener.closeChannels();
        core.close();
        listener.stopThreads();
        scheduler.shutdownNow();
        callbacks.close();
        onClose.accept(this);
        LOG.info("[{}] MQTT listener closed", options.name());
    }

    private void releaseCore() {
        core.close();
        scheduler.shutdownNow();
        callbacks.close();
    }

    @Override
    public String toString() {
        return "MqttServer[" + options.name() + " " + options.host() + ":"
            + (listener == null ? "-" : boundPort() + (options.tls() == null ? "" : ", TLS " + tlsBoundPort())) + "]";
    }
}
