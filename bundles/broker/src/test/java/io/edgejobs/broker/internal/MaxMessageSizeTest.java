package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaxMessageSizeTest {

    private final RecordingHandler handler = new RecordingHandler();
    private MoquetteMqttServer server;

    @AfterEach
    void closeServer() {
        server.close();
    }

    private static String text(int length) {
        return "x".repeat(length);
    }

    @Test
    void givenALimitOf1024_whenAClientPublishesMore_thenItsConnectionIsClosedAndTheHandlerNotCalled() throws Exception {
        server = TestServers.start(TestServers.options("size").withMaxMessageBytes(1024), handler);
        try (TestClient subscriber = TestClient.connect(server.boundPort(), "sub");
             TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            subscriber.subscribe(1, "things/#");
            device.publish("things/thing-1/small", text(900), 1);

            assertThrows(MqttException.class, () -> device.publish("things/thing-1/big", text(2000), 1));

            await().until(() -> device.connectionLost != null);
            await().until(() -> handler.typesOf("thing-1").contains("disconnect"));
            assertEquals(List.of("things/thing-1/small"),
                handler.publishesOf("thing-1").stream().map(RecordingHandler.Event::topic).toList());
            assertEquals(List.of("things/thing-1/small"),
                subscriber.received.stream().map(TestClient.Received::topic).toList());
        }
    }

    @Test
    void givenTheDefaultLimit_whenA40KbJobDocumentIsExchanged_thenBothDirectionsWork() throws Exception {
        server = TestServers.start("size", handler);
        String document = "{\"jobDocument\":\"" + text(40_000) + "\"}";
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            device.subscribe(1, "$aws/things/thing-1/jobs/job-1/get/accepted");

            device.publish("$aws/things/thing-1/jobs/job-1/update", document, 1);
            server.sendTo("thing-1", "$aws/things/thing-1/jobs/job-1/get/accepted", document.getBytes(), 1);

            await().until(() -> handler.publishesOf("thing-1").size() == 1);
            assertEquals(document, handler.publishesOf("thing-1").get(0).text());
            await().until(() -> device.textsOn("$aws/things/thing-1/jobs/job-1/get/accepted").equals(List.of(document)));
        }
    }
}
