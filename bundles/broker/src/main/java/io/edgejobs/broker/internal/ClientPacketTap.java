package io.edgejobs.broker.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per client connection, between the MQTT codec and Moquette's protocol handler. It sees every packet in the
 * order it was read from the socket, on the connection's network thread, and:
 * <ul>
 *   <li>authenticates the CONNECT (and authorizes its will topic) before Moquette sees it;</li>
 *   <li>authorizes each PUBLISH and hands a copy to the owner's {@code onPublish} in arrival order;</li>
 *   <li>keeps point-to-point (consumed) publishes away from Moquette's routing, acknowledging QoS 1 itself;</li>
 *   <li>reports the connection as established when Moquette writes the accepting CONNACK, and as closed when the
 *       channel goes inactive;</li>
 *   <li>closes connections that send malformed or oversized packets;</li>
 *   <li>stops reading a client whose publishes pile up in front of a slow handler ({@link ReadThrottle});</li>
 *   <li>holds the packets a client sends on receipt of its CONNACK until Moquette has completed the CONNECT.</li>
 * </ul>
 * Netty calls a handler on its channel's event loop only, so the fields need no synchronization.
 */
final class ClientPacketTap extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPacketTap.class);
    /** Checks, 1 ms apart, for Moquette to complete an accepted CONNECT before the connection is given up. */
    private static final int MAX_HOLD_CHECKS = 5000;

    private final TapContext context;
    private boolean connectSeen;
    private boolean established;
    private String clientId;
    private String username;
    private ReadThrottle throttle;
    private boolean acceptedByMoquette;
    private int holdChecks;
    private final ArrayDeque<MqttMessage> held = new ArrayDeque<>();

    ClientPacketTap(TapContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (message.decoderResult().isFailure()) {
            LOG.warn("[{}] closing connection of client {} from {}: malformed or oversized packet: {}",
                context.serverName(), clientId, ctx.channel().remoteAddress(), message.decoderResult().cause().toString());
            ReferenceCountUtil.release(message);
            ctx.close();
            return;
        }
        if (established && !acceptedByMoquette) {
            if (held.isEmpty() && context.acceptedByMoquette().test(ctx.channel())) {
                acceptedByMoquette = true;
            } else {
                hold(ctx, message);
                return;
            }
        }
        dispatch(ctx, message);
    }

    private void dispatch(ChannelHandlerContext ctx, MqttMessage message) {
        MqttMessageType type = message.fixedHeader().messageType();
        if (type == MqttMessageType.CONNECT) {
            readConnect(ctx, (MqttConnectMessage) message);
        } else if (type == MqttMessageType.PUBLISH) {
            readPublish(ctx, (MqttPublishMessage) message);
        } else {
            ctx.fireChannelRead(message);
        }
    }

    /**
     * Keeps a packet that arrived after the accepting CONNACK but before Moquette marked the connection connected
     * (see {@code EdgejobsMoquetteCore#connectionAccepted}): handed to Moquette now it would be dropped, a SUBSCRIBE
     * even with the connection. Held packets are passed on in arrival order as soon as Moquette is ready.
     */
    private void hold(ChannelHandlerContext ctx, MqttMessage message) {
        held.add(message);
        if (held.size() == 1) {
            ctx.executor().execute(() -> passHeldWhenAccepted(ctx));
        }
    }

    private void passHeldWhenAccepted(ChannelHandlerContext ctx) {
        if (held.isEmpty() || !ctx.channel().isActive()) {
            releaseHeld();
            return;
        }
        if (!context.acceptedByMoquette().test(ctx.channel())) {
            if (++holdChecks > MAX_HOLD_CHECKS) {
                LOG.warn("[{}] closing connection of client {}: the broker did not complete its CONNECT in time",
                    context.serverName(), clientId);
                releaseHeld();
                ctx.close();
                return;
            }
            ctx.executor().schedule(() -> passHeldWhenAccepted(ctx), 1, TimeUnit.MILLISECONDS);
            return;
        }
        acceptedByMoquette = true;
        LOG.debug("[{}] passing {} packets of client {} held until its connection was accepted",
            context.serverName(), held.size(), clientId);
        while (!held.isEmpty()) {
            MqttMessage next = held.poll();
            if (ctx.channel().isActive()) {
                dispatch(ctx, next);
            } else {
                ReferenceCountUtil.release(next);
            }
        }
    }

    private void releaseHeld() {
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
    }

    private void readConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        if (connectSeen) {
            LOG.warn("[{}] closing connection of client {}: second CONNECT", context.serverName(), clientId);
            ReferenceCountUtil.release(connect);
            ctx.close();
            return;
        }
        connectSeen = true;
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        String id = payload.clientIdentifier();
        boolean mqtt3 = header.version() == 3 || header.version() == 4;
        if (!mqtt3 || id == null || id.isEmpty()) {
            // Moquette answers these with the proper CONNACK code (unacceptable protocol / identifier rejected).
            ctx.fireChannelRead(connect);
            return;
        }
        String user = header.hasUserName() ? payload.userName() : null;
        byte[] password = header.hasPassword() ? payload.passwordInBytes() : null;
        if (user == null && !context.allowAnonymous()) {
            refuse(ctx, connect, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, id, "no user name");
            return;
        }
        X509Certificate certificate = ServerTls.clientCertificate(ctx.pipeline());
        if (!context.handler().authenticate(id, user, password, certificate)) {
            if (certificate == null) {
                refuse(ctx, connect, MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, id,
                    "credentials rejected");
            } else {
                refuse(ctx, connect, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, id,
                    "not authorized with client certificate " + certificate.getSubjectX500Principal().getName());
            }
            return;
        }
        if (header.isWillFlag() && !willTopicAllowed(id, user, payload.willTopic())) {
            refuse(ctx, connect, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, id,
                "will topic " + payload.willTopic() + " not authorized");
            return;
        }
        clientId = id;
        username = user;
        ctx.fireChannelRead(connect);
    }

    private boolean willTopicAllowed(String id, String user, String willTopic) {
        // A will is published by Moquette without any check, so it is authorized here like a PUBLISH, and never
        // allowed on a consumed topic (it would bypass the owner).
        return TopicFilter.isValidTopicName(willTopic)
            && !context.isConsumed(willTopic)
            && context.handler().authorizePublish(id, user, willTopic);
    }

    private void refuse(ChannelHandlerContext ctx, MqttConnectMessage connect, MqttConnectReturnCode code,
                        String id, String reason) {
        LOG.info("[{}] refusing CONNECT of client {} from {}: {}", context.serverName(), id,
            ctx.channel().remoteAddress(), reason);
        ReferenceCountUtil.release(connect);
        MqttConnAckMessage refusal = MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
        ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
    }

    private void readPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        if (!connectSeen) {
            closeFor(ctx, publish, "PUBLISH before CONNECT");
            return;
        }
        if (!established) {
            // Sent after CONNECT without waiting for CONNACK (allowed by MQTT 3.1.1 but rare): Moquette 0.17 has no
            // session bound yet and drops it too; clients that wait for CONNACK never send these.
            LOG.warn("[{}] dropping PUBLISH to {} received before the connection was accepted",
                context.serverName(), topic);
            ReferenceCountUtil.release(publish);
            return;
        }
        if (!TopicFilter.isValidTopicName(topic)) {
            closeFor(ctx, publish, "invalid topic name '" + topic + "' in PUBLISH");
            return;
        }
        if (!context.handler().authorizePublish(clientId, username, topic)) {
            closeFor(ctx, publish, "PUBLISH to " + topic + " not authorized");
            return;
        }
        boolean consumed = context.isConsumed(topic);
        MqttQoS qos = publish.fixedHeader().qosLevel();
        if (consumed && qos == MqttQoS.EXACTLY_ONCE) {
            closeFor(ctx, publish, "QoS 2 PUBLISH to point-to-point topic " + topic + " (like AWS IoT, QoS 2 is not supported)");
            return;
        }
        throttle.queued();
        context.handler().onPublish(clientId, username, topic, ByteBufUtil.getBytes(publish.payload()), throttle::done);
        if (!consumed) {
            ctx.fireChannelRead(publish);
            return;
        }
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            ctx.writeAndFlush(pubAck(publish.variableHeader().packetId()));
        }
        ReferenceCountUtil.release(publish);
    }

    private void closeFor(ChannelHandlerContext ctx, MqttPublishMessage publish, String reason) {
        LOG.warn("[{}] closing connection of client {}: {}", context.serverName(), clientId, reason);
        ReferenceCountUtil.release(publish);
        ctx.close();
    }

    private static MqttPubAckMessage pubAck(int packetId) {
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0);
        return new MqttPubAckMessage(header, MqttMessageIdVariableHeader.from(packetId));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!established && clientId != null && msg instanceof MqttConnAckMessage connAck
            && connAck.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            // Reported here, on the event loop and before the client can read the CONNACK, so onConnect is queued
            // ahead of every onPublish of this connection.
            established = true;
            throttle = new ReadThrottle(context.serverName(), clientId, ctx.channel(), context.handlerBacklogPerClient());
            context.connections().connected(clientId, username, ctx.channel());
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        if (established) {
            context.connections().closed(clientId, username, ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            // a write that raced the close of the connection; the close itself is reported by channelInactive
            LOG.debug("[{}] write to the closed connection of client {} dropped", context.serverName(), clientId);
            return;
        }
        if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            // TLS failures close the connection themselves; TlsHandshakeLog reports failed handshakes once
            LOG.debug("[{}] TLS failure on the connection of client {} from {}: {}", context.serverName(), clientId,
                ctx.channel().remoteAddress(), cause.getClass().getName());
            ctx.close();
            return;
        }
        if (cause instanceof IOException) {
            // Peer resets are routine on a device network; Moquette would log them at ERROR with a stack trace.
            LOG.info("[{}] connection of client {} failed: {}", context.serverName(), clientId, cause.toString());
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
