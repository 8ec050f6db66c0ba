package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packets a client sends on receipt of its CONNACK wait in the tap until Moquette has completed the CONNECT
 * (Moquette 0.17 marks the connection connected in a CONNACK write listener that Netty may run after the next read),
 * then reach Moquette in arrival order.
 */
class HeldUntilAcceptedTest {

    private final OrderedCallbacks callbacks = new OrderedCallbacks("held", 1);
    private final GuardedHandler handler = new GuardedHandler("held", new RecordingHandler(), callbacks);
    private final AtomicBoolean moquetteAccepted = new AtomicBoolean();
    private final List<String> reachedMoquette = new CopyOnWriteArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(
        new ClientPacketTap(new TapContext("held", handler, new ConnectionRegistry("held", handler),
            List.of(TopicFilter.of("$aws/things/+/jobs/get")), true, 1000, c -> moquetteAccepted.get())),
        new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                MqttMessage message = (MqttMessage) msg;
                reachedMoquette.add(message.fixedHeader().messageType().name());
                ReferenceCountUtil.release(msg);
            }
        });

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        callbacks.close();
    }

    private void connectAndAccept() {
        channel.writeInbound(MqttMessageBuilders.connect().clientId("thing-1")
            .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).build());
        channel.writeOutbound(MqttMessageBuilders.connAck()
            .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).build());
        ReferenceCountUtil.release(channel.readOutbound());
    }

    private void clientSendsSubscribeAndPublish() {
        channel.writeInbound(MqttMessageBuilders.subscribe().messageId(1)
            .addSubscription(MqttQoS.AT_LEAST_ONCE, "$aws/things/thing-1/jobs/notify").build());
        channel.writeInbound(MqttMessageBuilders.publish().topicName("telemetry/thing-1").qos(MqttQoS.AT_MOST_ONCE)
            .payload(Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8)).build());
    }

    @Test
    void givenMoquetteHasNotCompletedTheConnect_thenLaterPacketsWaitAndThenPassInOrder() {
        connectAndAccept();

        clientSendsSubscribeAndPublish();
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();

        assertEquals(List.of("CONNECT"), reachedMoquette, "held while Moquette has not accepted the connection");

        moquetteAccepted.set(true);
        await().until(() -> {
            channel.runScheduledPendingTasks();
            return reachedMoquette.size() == 3;
        });
        assertEquals(List.of("CONNECT", "SUBSCRIBE", "PUBLISH"), reachedMoquette);
    }

    @Test
    void givenMoquetteCompletedTheConnect_thenPacketsPassAtOnce() {
        connectAndAccept();
        moquetteAccepted.set(true);

        clientSendsSubscribeAndPublish();

        assertEquals(List.of("CONNECT", "SUBSCRIBE", "PUBLISH"), reachedMoquette);
    }

    @Test
    void givenTheConnectionClosesWhilePacketsAreHeld_thenTheyAreReleasedNotPassed() {
        connectAndAccept();
        clientSendsSubscribeAndPublish();

        channel.close();
        channel.runPendingTasks();

        assertEquals(List.of("CONNECT"), reachedMoquette);
        assertFalse(channel.isActive());
    }
}
