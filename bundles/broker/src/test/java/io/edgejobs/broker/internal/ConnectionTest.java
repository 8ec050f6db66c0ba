package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    private final RecordingHandler handler = new RecordingHandler();
    private MoquetteMqttServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenValidCredentials_whenConnecting_thenAcceptedAndOnConnectReported() throws Exception {
        server = TestServers.start("conn", handler);

        try (TestClient client = TestClient.connect(server.boundPort(), "thing-1")) {
            assertTrue(client.paho.isConnected());
            await().until(() -> handler.typesOf("thing-1").equals(List.of("connect")));
            assertEquals(RecordingHandler.USER, handler.ofType("connect").get(0).username());
            assertEquals(Set.of("thing-1"), server.connectedClientIds());
        }

        await().until(() -> handler.typesOf("thing-1").equals(List.of("connect", "disconnect")));
        assertEquals(Set.of(), server.connectedClientIds());
    }

    @Test
    void givenWrongPassword_whenConnecting_thenRefusedWithBadCredentialsAndNoOnConnect() throws Exception {
        server = TestServers.start("conn", handler);

        MqttException refused = assertThrows(MqttException.class,
            () -> TestClient.connect(server.boundPort(), "thing-1", TestClient.options("device", "wrong")));

        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refused.getReasonCode());
        assertEquals(List.of("thing-1"), handler.authenticateCalls);
        assertTrue(handler.events.isEmpty());
        assertEquals(Set.of(), server.connectedClientIds());
    }

    @Test
    void givenAnonymousRefused_whenConnectingWithoutUserName_thenNotAuthorizedWithoutAskingTheHandler() throws Exception {
        server = TestServers.start(TestServers.options("conn").withAllowAnonymous(false), handler);

        MqttException refused = assertThrows(MqttException.class,
            () -> TestClient.connect(server.boundPort(), "thing-1", TestClient.options(null, null)));

        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode());
        assertTrue(handler.authenticateCalls.isEmpty());
    }

    @Test
    void givenAnonymousAllowed_whenConnectingWithoutUserName_thenTheHandlerDecidesWithNullCredentials() throws Exception {
        server = TestServers.start(TestServers.options("conn").withAllowAnonymous(true), handler);

        try (TestClient client = TestClient.connect(server.boundPort(), "thing-1", TestClient.options(null, null))) {
            assertEquals(List.of("thing-1"), handler.authenticateCalls);
            await().until(() -> handler.ofType("connect").size() == 1);
            assertNull(handler.ofType("connect").get(0).username());
        }
    }

    @Test
    void givenAnAuthenticateThatThrows_whenConnecting_thenRefused() throws Exception {
        RecordingHandler throwing = new RecordingHandler() {
            @Override
            public boolean authenticate(String clientId, String username, byte[] password) {
                throw new IllegalStateException("store unavailable");
            }
        };
        server = TestServers.start("conn", throwing);

        MqttException refused = assertThrows(MqttException.class,
            () -> TestClient.connect(server.boundPort(), "thing-1"));

        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refused.getReasonCode());
    }

    @Test
    void givenAWillOnAnUnauthorizedTopic_whenConnecting_thenNotAuthorized() throws Exception {
        handler.refusedPublishTopics.add("things/other/status");
        server = TestServers.start("conn", handler);
        MqttConnectOptions options = TestClient.options(RecordingHandler.USER, RecordingHandler.PASSWORD);
        options.setWill("things/other/status", "gone".getBytes(StandardCharsets.UTF_8), 1, false);

        MqttException refused = assertThrows(MqttException.class,
            () -> TestClient.connect(server.boundPort(), "thing-1", options));

        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode());
    }

    @Test
    void givenAWillOnAPointToPointTopic_whenConnecting_thenNotAuthorized() throws Exception {
        server = TestServers.start("conn", handler);
        MqttConnectOptions options = TestClient.options(RecordingHandler.USER, RecordingHandler.PASSWORD);
        options.setWill("$aws/things/thing-1/jobs/get", "{}".getBytes(StandardCharsets.UTF_8), 1, false);

        MqttException refused = assertThrows(MqttException.class,
            () -> TestClient.connect(server.boundPort(), "thing-1", options));

        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode());
    }

    @Test
    void givenAnAuthorizedWill_whenTheServerDisconnectsTheClient_thenTheWillIsPublishedAndOnDisconnectReported()
        throws Exception {
        server = TestServers.start("conn", handler);
        MqttConnectOptions options = TestClient.options(RecordingHandler.USER, RecordingHandler.PASSWORD);
        options.setWill("things/thing-1/status", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
        try (TestClient watcher = TestClient.connect(server.boundPort(), "watcher");
             TestClient client = TestClient.connect(server.boundPort(), "thing-1", options)) {
            watcher.subscribe(1, "things/+/status");

            assertTrue(server.disconnect("thing-1"));

            await().until(() -> client.connectionLost != null);
            await().until(() -> watcher.textsOn("things/thing-1/status").equals(List.of("gone")));
            await().until(() -> handler.typesOf("thing-1").equals(List.of("connect", "disconnect")));
            assertFalse(server.connectedClientIds().contains("thing-1"));
            assertFalse(server.disconnect("thing-1"));
        }
    }

    @Test
    void givenAConnectedClient_whenTheSameClientIdConnectsAgain_thenTheNewConnectionWinsAndStaysReportedConnected()
        throws Exception {
        server = TestServers.start("conn", handler);
        try (TestClient first = TestClient.connect(server.boundPort(), "thing-1")) {
            await().until(() -> handler.ofType("connect").size() == 1);

            try (TestClient second = TestClient.connect(server.boundPort(), "thing-1")) {
                await().until(() -> first.connectionLost != null);
                second.publish("things/thing-1/data", "after takeover", 1);
                await().until(() -> handler.ofType("publish").size() == 1);

                // Whether the old connection's close is reported depends on whether it closed before the new
                // CONNACK; a close reported after the new connect would be a lie, and never happens.
                List<String> types = handler.typesOf("thing-1");
                assertEquals(List.of("connect", "publish"), types.subList(types.size() - 2, types.size()));
                assertEquals(2, handler.ofType("connect").size());
                assertEquals(Set.of("thing-1"), server.connectedClientIds());
            }
        }
        await().until(() -> handler.typesOf("thing-1").get(handler.typesOf("thing-1").size() - 1).equals("disconnect"));
        assertEquals(Set.of(), server.connectedClientIds());
    }
}
