package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gateway's device broker and the cloud emulator's broker run in one JVM. */
class TwoServersTest {

    @Test
    void givenGatewayAndEmulatorServers_whenClientsWithTheSameIdUseBoth_thenNothingCrossesOver() throws Exception {
        RecordingHandler gatewayHandler = new RecordingHandler();
        RecordingHandler emulatorHandler = new RecordingHandler();
        try (MoquetteMqttServer gateway = TestServers.start("gateway", gatewayHandler);
             MoquetteMqttServer emulator = TestServers.start("emulator", emulatorHandler);
             TestClient onGateway = TestClient.connect(gateway.boundPort(), "thing-1");
             TestClient onEmulator = TestClient.connect(emulator.boundPort(), "thing-1")) {
            assertNotEquals(gateway.boundPort(), emulator.boundPort());
            onGateway.subscribe(1, "$aws/things/thing-1/jobs/#");
            onEmulator.subscribe(1, "$aws/things/thing-1/jobs/#");

            onGateway.publish("$aws/things/thing-1/jobs/get", "to-gateway", 1);
            onEmulator.publish("$aws/things/thing-1/jobs/start-next", "to-emulator", 1);
            gateway.publish("$aws/things/thing-1/jobs/notify", "from-gateway".getBytes(StandardCharsets.UTF_8), 1, false);
            emulator.sendTo("thing-1", "$aws/things/thing-1/jobs/start-next/accepted",
                "from-emulator".getBytes(StandardCharsets.UTF_8), 1);

            await().until(() -> gatewayHandler.publishesOf("thing-1").size() == 1
                && emulatorHandler.publishesOf("thing-1").size() == 1);
            assertEquals("to-gateway", gatewayHandler.publishesOf("thing-1").get(0).text());
            assertEquals("to-emulator", emulatorHandler.publishesOf("thing-1").get(0).text());
            await().until(() -> onGateway.received.size() == 1 && onEmulator.received.size() == 1);
            assertEquals(List.of("from-gateway"), onGateway.received.stream().map(TestClient.Received::text).toList());
            assertEquals(List.of("from-emulator"), onEmulator.received.stream().map(TestClient.Received::text).toList());

            gateway.close();

            await().until(() -> onGateway.connectionLost != null);
            assertEquals(Set.of("thing-1"), emulator.connectedClientIds());
            onEmulator.publish("$aws/things/thing-1/jobs/get", "still-up", 1);
            await().until(() -> emulatorHandler.publishesOf("thing-1").size() == 2);
        }
    }
}
