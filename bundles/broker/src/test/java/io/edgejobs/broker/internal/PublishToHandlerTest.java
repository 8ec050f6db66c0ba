package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishToHandlerTest {

    private final RecordingHandler handler = new RecordingHandler();
    private MoquetteMqttServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> numbers(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }

    private List<String> textsFrom(String clientId) {
        return handler.publishesOf(clientId).stream().map(RecordingHandler.Event::text).toList();
    }

    @Test
    void givenOneClient_when500NumberedRequestsArePublished_thenTheHandlerReceivesThemInOrder() throws Exception {
        server = TestServers.start("order", handler);
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {

            for (String n : numbers(500)) {
                device.publish("$aws/things/thing-1/jobs/get", n, 1);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> handler.publishesOf("thing-1").size() == 500);
            assertEquals(numbers(500), textsFrom("thing-1"));
            assertEquals(List.of("connect"), handler.typesOf("thing-1").subList(0, 1));
        }
    }

    @Test
    void givenQos0MessagesToRoutedAndUnroutedTopics_whenPublishedInterleaved_thenTheHandlerStillSeesArrivalOrder()
        throws Exception {
        // Moquette's own interceptor notifies a QoS 0 publish only after every subscriber's session loop took it,
        // so a message with subscribers could be reported after a later one without; the tap does not wait.
        server = TestServers.start("order", handler);
        try (TestClient listener1 = TestClient.connect(server.boundPort(), "listener-a");
             TestClient listener2 = TestClient.connect(server.boundPort(), "listener-b");
             TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            listener1.subscribe(0, "telemetry/#");
            listener2.subscribe(0, "telemetry/+/x");

            List<String> sent = numbers(300);
            for (String n : sent) {
                int i = Integer.parseInt(n);
                String topic = i % 3 == 0 ? "telemetry/thing-1/x" : i % 3 == 1 ? "nobody/listens" : "$aws/things/thing-1/jobs/start-next";
                device.publish(topic, n, 0);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> handler.publishesOf("thing-1").size() == 300);
            assertEquals(sent, textsFrom("thing-1"));
            await().until(() -> listener1.received.size() == 100 && listener2.received.size() == 100);
        }
    }

    @Test
    void givenTwoClients_whenBothPublishConcurrently_thenEachClientsOrderIsKept() throws Exception {
        server = TestServers.start("order", handler);
        try (TestClient a = TestClient.connect(server.boundPort(), "thing-a");
             TestClient b = TestClient.connect(server.boundPort(), "thing-b")) {

            Thread other = new Thread(() -> {
                try {
                    for (String n : numbers(200)) {
                        b.publish("$aws/things/thing-b/jobs/job-1/update", n, 1);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            other.start();
            for (String n : numbers(200)) {
                a.publish("$aws/things/thing-a/jobs/job-1/update", n, 1);
            }
            other.join(20_000);

            await().atMost(Duration.ofSeconds(20))
                .until(() -> handler.publishesOf("thing-a").size() == 200 && handler.publishesOf("thing-b").size() == 200);
            assertEquals(numbers(200), textsFrom("thing-a"));
            assertEquals(numbers(200), textsFrom("thing-b"));
        }
    }

    @Test
    void givenAnOnPublishThatThrows_whenMorePublishesFollow_thenTheyAreStillDelivered() throws Exception {
        handler.onPublishThrowsFor = topic -> topic.endsWith("/poison");
        server = TestServers.start("order", handler);
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {

            device.publish("things/thing-1/poison", "x", 1);
            device.publish("things/thing-1/ok", "after", 1);

            await().until(() -> handler.publishesOf("thing-1").size() == 1);
            assertEquals("things/thing-1/ok", handler.publishesOf("thing-1").get(0).topic());
            assertTrue(device.paho.isConnected());
        }
    }

    @Test
    void givenAReservedDollarTopic_whenPublished_thenItReachesTheHandler() throws Exception {
        // Moquette >= 0.18 drops client publishes to $-topics before any hook; 0.17 does not.
        server = TestServers.start("order", handler);
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {

            device.publish("$aws/things/thing-1/jobs/get", "{\"clientToken\":\"t1\"}", 1);
            device.publish("$aws/things/thing-1/jobs/$next/get", "{\"clientToken\":\"t2\"}", 0);

            await().until(() -> handler.publishesOf("thing-1").size() == 2);
            assertEquals(List.of("$aws/things/thing-1/jobs/get", "$aws/things/thing-1/jobs/$next/get"),
                handler.publishesOf("thing-1").stream().map(RecordingHandler.Event::topic).toList());
            assertEquals("{\"clientToken\":\"t1\"}", handler.publishesOf("thing-1").get(0).text());
            assertEquals(RecordingHandler.USER, handler.publishesOf("thing-1").get(0).username());
        }
    }

    @Test
    void givenAnUnauthorizedTopic_whenPublished_thenTheConnectionIsClosedAndNobodyGetsIt() throws Exception {
        handler.refusedPublishTopics.add("$aws/things/other/jobs/notify-next");
        server = TestServers.start("order", handler);
        try (TestClient victim = TestClient.connect(server.boundPort(), "other");
             TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            victim.subscribe(1, "$aws/things/other/jobs/notify-next");

            device.publishExpectingDisconnect("$aws/things/other/jobs/notify-next", "{}".getBytes(), 0);

            await().until(() -> handler.typesOf("thing-1").contains("disconnect"));
            assertEquals(List.of(), handler.publishesOf("thing-1"));
            server.publish("$aws/things/other/jobs/notify-next", "marker".getBytes(), 1, false);
            await().until(() -> victim.received.size() == 1);
            assertEquals(List.of("marker"), victim.textsOn("$aws/things/other/jobs/notify-next"));
        }
    }
}
