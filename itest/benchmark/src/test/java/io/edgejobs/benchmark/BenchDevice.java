package io.edgejobs.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.upstream.mqtt.internal.BenchSockets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One device as AWS IoT Jobs devices are written: a Paho v3 client whose client id is its thing name, subscribed at
 * QoS 1 to its accepted / rejected answer topics (and notify-next, as the SDK samples do), sending each request at
 * QoS 1 with a fresh clientToken and taking the answer that carries the same token. One request at a time per
 * device, as a device's job agent works.
 */
final class BenchDevice implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CONNECT_MILLIS = 30_000;

    final String thing;
    private final String prefix;
    private final MqttAsyncClient client;
    private final long timeoutMillis;
    private final Map<String, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();

    BenchDevice(String thing, int port, long timeoutMillis) throws MqttException {
        this.thing = thing;
        this.prefix = "$aws/things/" + thing + "/jobs/";
        this.timeoutMillis = timeoutMillis;
        client = new MqttAsyncClient("tcp://127.0.0.1:" + port, thing, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                waiting.values().forEach(f -> f.completeExceptionally(cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // the answer, not the PUBACK, completes a request
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setSocketFactory(BenchSockets.noDelay());
        options.setKeepAliveInterval(60);
        client.connect(options).waitForCompletion(CONNECT_MILLIS);
        String[] filters = {prefix + "+/accepted", prefix + "+/rejected", prefix + "+/+/accepted",
            prefix + "+/+/rejected", prefix + "notify-next"};
        client.subscribe(filters, new int[] {1, 1, 1, 1, 1}).waitForCompletion(CONNECT_MILLIS);
    }

    /** An answer: accepted or rejected, its payload, and how long it took from the publish. */
    record Answer(boolean accepted, JsonNode body, long nanos) {
        String errorCode() {
            return body.path("code").asText("?");
        }
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @param suffix the topic after {@code $aws/things/<thing>/jobs/}
     * @throws TimeoutException when no answer came within the device's timeout
     */
    Answer request(String suffix, ObjectNode body) throws MqttException, InterruptedException, TimeoutException,
            ExecutionException {
        String token = thing + "-" + tokens.incrementAndGet();
        body.put("clientToken", token);
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        waiting.put(token, answer);
        long sent = System.nanoTime();
        try {
            client.publish(prefix + suffix, payload, 1, false);
            Answer got = answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return new Answer(got.accepted, got.body, got.nanos - sent);
        } finally {
            waiting.remove(token);
        }
    }

    long notifications() {
        return notifications.get();
    }

    private void arrived(String topic, byte[] payload) {
        long now = System.nanoTime();
        if (topic.endsWith("/notify-next")) {
            notifications.incrementAndGet();
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer on " + topic, e);
        }
        CompletableFuture<Answer> answer = waiting.get(body.path("clientToken").asText(""));
        if (answer != null) {
            answer.complete(new Answer(topic.endsWith("/accepted"), body, now));
        }
    }

    static ObjectNode body() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(CONNECT_MILLIS);
            }
        } finally {
            client.close();
        }
    }
}
