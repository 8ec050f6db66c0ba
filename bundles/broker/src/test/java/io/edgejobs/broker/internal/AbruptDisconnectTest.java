package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Devices that vanish without DISCONNECT while the broker still has something to write to them: the write fails on
 * a connection Netty has already torn down, which must not end as Netty's "An exceptionCaught() event was fired, and
 * it reached at the tail of the pipeline" WARN (one per device disconnect in a gateway log otherwise).
 */
class AbruptDisconnectTest {

    private static final String TAIL_WARNING = "reached at the tail of the pipeline";
    private static final int ROUNDS = 20;

    private final RecordingHandler handler = new RecordingHandler();

    @Test
    void givenDevicesThatResetTheirSocketWhileAnswersAreOnTheWay_thenNoTailOfThePipelineWarning() throws Exception {
        String log;
        try (LogCapture capture = new LogCapture()) {
            MoquetteMqttServer server = TestServers.start(TestServers.options("abrupt").withAllowAnonymous(true),
                handler);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    String thing = "thing-" + round;
                    String topic = "$aws/things/" + thing + "/jobs/get/accepted";
                    RawMqttSocket device = RawMqttSocket.connect(server.boundPort(), thing);
                    device.subscribe(topic);
                    device.awaitSubAck();
                    for (int i = 0; i < 50; i++) {
                        server.sendTo(thing, topic, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1);
                    }
                    device.abort();
                    for (int i = 0; i < 50; i++) {
                        server.sendTo(thing, topic, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1);
                    }
                    awaitDisconnected(thing);
                }
            } finally {
                server.close();
            }
            log = capture.text();
        }
        assertFalse(log.contains(TAIL_WARNING), "Netty's tail warning was logged:\n" + log);
    }

    @Test
    void givenDevicesThatVanishRightAfterASubscribeOrAPublish_thenNoTailOfThePipelineWarning() throws Exception {
        String log;
        try (LogCapture capture = new LogCapture()) {
            MoquetteMqttServer server = TestServers.start(TestServers.options("abrupt").withAllowAnonymous(true),
                handler);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    String subscriber = "sub-" + round;
                    RawMqttSocket device = RawMqttSocket.connect(server.boundPort(), subscriber);
                    device.subscribe("$aws/things/" + subscriber + "/jobs/notify");
                    device.awaitSubAck();
                    // what the SDK's close does, minus the DISCONNECT: the acknowledgements come after the close
                    device.unsubscribe("$aws/things/" + subscriber + "/jobs/notify");
                    device.subscribe("$aws/things/" + subscriber + "/jobs/notify-next");
                    device.abort();
                    String publisher = "pub-" + round;
                    RawMqttSocket other = RawMqttSocket.connect(server.boundPort(), publisher);
                    other.publishQos1("telemetry/" + publisher, "{}");
                    other.abort();
                    awaitDisconnected(subscriber);
                    awaitDisconnected(publisher);
                }
            } finally {
                server.close();
            }
            log = capture.text();
        }
        assertFalse(log.contains(TAIL_WARNING), "Netty's tail warning was logged:\n" + log);
        assertEquals(2 * ROUNDS, handler.ofType("disconnect").size());
    }

    private void awaitDisconnected(String clientId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.typesOf(clientId).contains("disconnect"));
    }
}
