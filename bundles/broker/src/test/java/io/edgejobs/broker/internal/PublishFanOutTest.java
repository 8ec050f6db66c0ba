package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishFanOutTest {

    private static final String NOTIFY_NEXT = "$aws/things/thing-1/jobs/notify-next";

    private final RecordingHandler handler = new RecordingHandler();
    private MoquetteMqttServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServers.start("fanout", handler);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void givenSubscribersWithExactAndWildcardFilters_whenPublish_thenEveryMatchingSubscriberReceivesIt()
        throws Exception {
        try (TestClient exact = TestClient.connect(server.boundPort(), "exact");
             TestClient plus = TestClient.connect(server.boundPort(), "plus");
             TestClient hash = TestClient.connect(server.boundPort(), "hash");
             TestClient unrelated = TestClient.connect(server.boundPort(), "unrelated")) {
            exact.subscribe(1, NOTIFY_NEXT);
            plus.subscribe(1, "$aws/things/+/jobs/notify-next");
            hash.subscribe(1, "$aws/things/thing-1/#");
            unrelated.subscribe(1, "$aws/things/thing-2/jobs/notify-next");

            int routed = server.publish(NOTIFY_NEXT, "{\"timestamp\":1}".getBytes(StandardCharsets.UTF_8), 1, false);

            assertEquals(3, routed);
            for (TestClient client : List.of(exact, plus, hash)) {
                await().until(() -> client.textsOn(NOTIFY_NEXT).equals(List.of("{\"timestamp\":1}")));
            }
            assertEquals(1, exact.received.get(0).qos());
            server.publish("$aws/things/thing-2/jobs/notify-next", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
            await().until(() -> unrelated.received.size() == 1);
            assertEquals("marker", unrelated.received.get(0).text());
        }
    }

    @Test
    void givenARetainedPublish_whenAClientSubscribesLater_thenItReceivesTheRetainedMessage() throws Exception {
        server.publish("gateway/status", "online".getBytes(StandardCharsets.UTF_8), 1, true);

        try (TestClient late = TestClient.connect(server.boundPort(), "late")) {
            late.subscribe(1, "gateway/#");

            await().until(() -> late.received.size() == 1);
            assertEquals("online", late.received.get(0).text());
            // Moquette 0.17 sends a retained message at QoS 1 without the RETAIN flag (QoS 0 keeps it).
            assertEquals(1, late.received.get(0).qos());
        }
    }

    @Test
    void givenAClientPublishOnAnOrdinaryTopic_whenSubscribersExist_thenTheyAndTheHandlerBothGetIt() throws Exception {
        try (TestClient subscriber = TestClient.connect(server.boundPort(), "sub");
             TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            subscriber.subscribe(1, "things/+/telemetry");

            device.publish("things/thing-1/telemetry", "42", 1);

            await().until(() -> subscriber.textsOn("things/thing-1/telemetry").equals(List.of("42")));
            await().until(() -> handler.publishesOf("thing-1").size() == 1);
        }
    }

    @Test
    void givenAHashSubscriber_whenANotificationIsPublishedOnADollarTopic_thenItReceivesIt() throws Exception {
        // Moquette 0.17 does not apply MQTT-4.7.2-1 ("#" must not match "$" topics): a handler that lets untrusted
        // clients subscribe to "#" lets them read every thing's notifications (decisions-broker.md section 2).
        try (TestClient everything = TestClient.connect(server.boundPort(), "everything")) {
            everything.subscribe(1, "#");

            assertEquals(1, server.publish(NOTIFY_NEXT, "{}".getBytes(StandardCharsets.UTF_8), 1, false));

            await().until(() -> everything.textsOn(NOTIFY_NEXT).equals(List.of("{}")));
        }
    }

    @Test
    void givenNoSubscriber_whenPublish_thenZeroRouted() {
        assertEquals(0, server.publish(NOTIFY_NEXT, new byte[0], 0, false));
    }
}
