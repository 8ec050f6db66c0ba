package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs requests and responses are point-to-point, as on AWS IoT: requests go only to the handler, responses only to
 * the requesting connection.
 */
class PointToPointTest {

    private static final String GET = "$aws/things/thing-1/jobs/get";
    private static final String ACCEPTED = "$aws/things/thing-1/jobs/get/accepted";
    private static final String MARKER = "$aws/things/thing-1/jobs/notify-next";

    private final RecordingHandler handler = new RecordingHandler();
    private MoquetteMqttServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServers.start("p2p", handler);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Publishes a marker every subscriber of {@link #MARKER} receives, and waits until the clients have it: a
     * delivery sent before the marker to one of them would have arrived before it (one session loop per client).
     */
    private void awaitMarker(TestClient... clients) {
        server.publish(MARKER, bytes("marker"), 1, false);
        for (TestClient client : clients) {
            await().until(() -> client.textsOn(MARKER).contains("marker"));
        }
    }

    @Test
    void givenEavesdroppersOnTheRequestTopic_whenADevicePublishesARequest_thenOnlyTheHandlerGetsIt() throws Exception {
        try (TestClient eavesdropper = TestClient.connect(server.boundPort(), "eavesdropper");
             TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            eavesdropper.subscribe(1, "#", GET, "$aws/things/+/jobs/#", MARKER);
            device.subscribe(1, "$aws/things/thing-1/jobs/#");

            device.publish(GET, "{\"clientToken\":\"c1\"}", 1);
            device.publish(GET, "{\"clientToken\":\"c0\"}", 0);

            await().until(() -> handler.publishesOf("thing-1").size() == 2);
            awaitMarker(eavesdropper, device);
            assertEquals(List.of("marker"), eavesdropper.received.stream().map(TestClient.Received::text).toList());
            assertEquals(List.of("marker"), device.received.stream().map(TestClient.Received::text).toList(),
                "the requester does not get its own request back either");
        }
    }

    @Test
    void givenTwoClientsSubscribedToTheResponseTopic_whenSendToTheRequester_thenOnlyTheRequesterReceivesIt()
        throws Exception {
        try (TestClient other = TestClient.connect(server.boundPort(), "other");
             TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            other.subscribe(1, ACCEPTED, "$aws/things/+/jobs/get/+", MARKER);
            device.subscribe(1, "$aws/things/thing-1/jobs/get/+", MARKER);

            assertTrue(server.sendTo("thing-1", ACCEPTED, bytes("{\"queuedJobs\":[]}"), 1));

            await().until(() -> device.textsOn(ACCEPTED).equals(List.of("{\"queuedJobs\":[]}")));
            awaitMarker(other);
            assertEquals(List.of("marker"), other.received.stream().map(TestClient.Received::text).toList());
        }
    }

    @Test
    void givenAClientWithoutAMatchingSubscription_whenSendTo_thenNothingIsSentAndFalseReturned() throws Exception {
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            device.subscribe(1, "$aws/things/thing-1/jobs/notify-next");

            assertFalse(server.sendTo("thing-1", ACCEPTED, bytes("{}"), 1));

            awaitMarker(device);
            assertEquals(List.of("marker"), device.received.stream().map(TestClient.Received::text).toList());
        }
    }

    @Test
    void givenAnUnknownClient_whenSendTo_thenFalse() {
        assertFalse(server.sendTo("nobody", ACCEPTED, bytes("{}"), 1));
    }

    @Test
    void givenAQos0Subscription_whenSendToAtQos1_thenDeliveredAtQos0() throws Exception {
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            device.subscribe(0, ACCEPTED);

            assertTrue(server.sendTo("thing-1", ACCEPTED, bytes("{}"), 1));

            await().until(() -> device.received.size() == 1);
            assertEquals(0, device.received.get(0).qos());
            assertFalse(device.received.get(0).retained());
        }
    }

    @Test
    void givenARequest_whenTheHandlerAnswersWithSendTo_thenTheRoundTripCompletes() throws Exception {
        RecordingHandler echo = new RecordingHandler() {
            @Override
            public void onPublish(String clientId, String username, String topic, byte[] payload) {
                super.onPublish(clientId, username, topic, payload);
                server.sendTo(clientId, topic + "/accepted", payload, 1);
            }
        };
        server.close();
        server = TestServers.start("p2p", echo);
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            device.subscribe(1, "$aws/things/thing-1/jobs/start-next/accepted");

            device.publish("$aws/things/thing-1/jobs/start-next", "{\"clientToken\":\"s1\"}", 1);

            await().until(() -> device.textsOn("$aws/things/thing-1/jobs/start-next/accepted")
                .equals(List.of("{\"clientToken\":\"s1\"}")));
        }
    }

    @Test
    void givenAQos2RequestOnAPointToPointTopic_whenPublished_thenTheConnectionIsClosedLikeAwsIot() throws Exception {
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {

            assertThrows(Exception.class, () -> device.publish(GET, "{}", 2));

            await().until(() -> device.connectionLost != null || !device.paho.isConnected());
            assertEquals(List.of(), handler.publishesOf("thing-1"));
        }
    }

    @Test
    void givenInvalidArguments_whenSendToOrPublish_thenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> server.sendTo("thing-1", "a/+/b", bytes("{}"), 1));
        assertThrows(IllegalArgumentException.class, () -> server.sendTo("thing-1", "", bytes("{}"), 1));
        assertThrows(IllegalArgumentException.class, () -> server.publish("a/#", bytes("{}"), 1, false));
        assertThrows(IllegalArgumentException.class, () -> server.publish("a/b", bytes("{}"), 3, false));
    }
}
