package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadThrottleTest {

    @Test
    void givenAStuckHandler_whenAClientKeepsPublishing_thenItsSocketIsNoLongerReadUntilTheHandlerCatchesUp()
        throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingHandler stuck = new RecordingHandler() {
            @Override
            public void onPublish(String clientId, String username, String topic, byte[] payload) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onPublish(clientId, username, topic, payload);
            }
        };
        ServerSettings settings = new ServerSettings(2, 2, 65536, 10, 1024, 100);
        List<String> sent = IntStream.range(0, 3000).mapToObj(i -> i + ":" + "x".repeat(200)).toList();
        try (MoquetteMqttServer server = MoquetteMqttServer.start(TestServers.options("throttle"), settings, stuck,
                closed -> { });
             TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            Thread publisher = new Thread(() -> {
                try {
                    for (String text : sent) {
                        device.publish("$aws/things/thing-1/jobs/get", text, 0);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            publisher.start();

            await().until(() -> !server.channelOf("thing-1").config().isAutoRead());
            release.countDown();

            publisher.join(30_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> stuck.publishesOf("thing-1").size() == sent.size());
            assertEquals(sent, stuck.publishesOf("thing-1").stream().map(RecordingHandler.Event::text).toList());
            await().until(() -> server.channelOf("thing-1").config().isAutoRead());
        }
    }
}
