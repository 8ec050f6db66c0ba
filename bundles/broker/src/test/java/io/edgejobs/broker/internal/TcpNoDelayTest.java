package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TcpNoDelayTest {

    private MoquetteMqttServer server;

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void givenAConnectedClient_thenTheServerSideSocketHasTcpNoDelay() throws Exception {
        server = TestServers.start("nodelay", new RecordingHandler());
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            await().until(() -> server.channelOf("thing-1") != null);

            // NioSocketChannel reads the option from the OS socket, not from a cached setting.
            assertEquals(Boolean.TRUE, server.channelOf("thing-1").config().getOption(ChannelOption.TCP_NODELAY));
        }
    }

    @Test
    void givenAClientWithoutNagle_whenRequestsAreAnsweredBySendTo_thenTheMedianRoundTripIsWellUnderTheDelayedAckTime()
        throws Exception {
        // Each exchange makes the server write two small segments back to back (PUBACK, then the response): with
        // Nagle on, the second waits for the client's delayed ACK (~40 ms on Linux).
        RecordingHandler echo = new RecordingHandler() {
            @Override
            public void onPublish(String clientId, String username, String topic, byte[] payload) {
                server.sendTo(clientId, topic + "/accepted", payload, 0);
            }
        };
        server = TestServers.start("nodelay", echo);
        MqttConnectOptions options = TestClient.options(RecordingHandler.USER, RecordingHandler.PASSWORD);
        options.setSocketFactory(new TestClient.NoDelaySocketFactory());
        try (TestClient device = TestClient.connect(server.boundPort(), "thing-1", options)) {
            BlockingQueue<String> responses = new ArrayBlockingQueue<>(10);
            device.paho.subscribe("$aws/things/thing-1/jobs/get/accepted", 0,
                (topic, message) -> responses.add(new String(message.getPayload())));

            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                long start = System.nanoTime();
                device.publish("$aws/things/thing-1/jobs/get", "r" + i, 1);
                assertEquals("r" + i, responses.poll(5, TimeUnit.SECONDS));
                micros.add((System.nanoTime() - start) / 1000);
            }

            List<Long> measured = new ArrayList<>(micros.subList(10, micros.size()));
            Collections.sort(measured);
            long median = measured.get(measured.size() / 2);
            LoggerFactory.getLogger(TcpNoDelayTest.class).info("request/response round trip: median {} us, max {} us",
                median, measured.get(measured.size() - 1));
            assertTrue(median < 20_000, "median round trip " + median + " us, sorted " + measured);
        }
    }
}
