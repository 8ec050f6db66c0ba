package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubscribeAuthorizationTest {

    private final RecordingHandler handler = new RecordingHandler();
    private MoquetteMqttServer server;

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void givenARefusedFilter_whenSubscribing_thenSubackSaysFailureForThatFilterOnly() throws Exception {
        handler.refusedSubscribeFilters.add("$aws/things/other/jobs/#");
        server = TestServers.start("sub", handler);
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {

            int[] granted = device.subscribe(1, "$aws/things/thing-1/jobs/notify-next", "$aws/things/other/jobs/#");

            assertArrayEquals(new int[] {1, 0x80}, granted);
            server.publish("$aws/things/other/jobs/notify-next", "secret".getBytes(StandardCharsets.UTF_8), 1, false);
            server.publish("$aws/things/thing-1/jobs/notify-next", "mine".getBytes(StandardCharsets.UTF_8), 1, false);
            await().until(() -> device.received.size() == 1);
            assertEquals(List.of("mine"), device.received.stream().map(TestClient.Received::text).toList());
            assertTrue(device.paho.isConnected());
        }
    }

    @Test
    void givenAnAuthorizeSubscribeThatThrows_whenSubscribing_thenRefused() throws Exception {
        RecordingHandler throwing = new RecordingHandler() {
            @Override
            public boolean authorizeSubscribe(String clientId, String username, String topicFilter) {
                throw new IllegalStateException("policy unavailable");
            }
        };
        server = TestServers.start("sub", throwing);
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {

            assertArrayEquals(new int[] {0x80}, device.subscribe(1, "a/b"));
        }
    }
}
