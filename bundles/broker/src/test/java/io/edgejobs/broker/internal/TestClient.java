package io.edgejobs.broker.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A real Paho MQTT 3.1.1 client on loopback that records what it receives. */
final class TestClient implements AutoCloseable {

    record Received(String topic, String text, int qos, boolean retained) {
    }

    final MqttClient paho;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Throwable connectionLost;

    private TestClient(int port, String clientId) throws MqttException {
        this.paho = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        this.paho.setTimeToWait(10_000);
        this.paho.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                connectionLost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getQos(), message.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
    }

    static MqttConnectOptions options(String user, String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        // Paho can report a QoS 1 publish complete before it frees the in-flight slot; a fast broker then trips
        // "too many publishes in progress" with the default window of 10.
        options.setMaxInflight(1000);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        return options;
    }

    /** Connects with the credentials {@link RecordingHandler} accepts. */
    static TestClient connect(int port, String clientId) throws MqttException {
        return connect(port, clientId, options(RecordingHandler.USER, RecordingHandler.PASSWORD));
    }

    static TestClient connect(int port, String clientId, MqttConnectOptions options) throws MqttException {
        TestClient client = new TestClient(port, clientId);
        try {
            client.paho.connect(options);
        } catch (MqttException e) {
            client.closeQuietly();
            throw e;
        }
        return client;
    }

    /** Subscribes and returns the granted QoS per filter (128 = refused). */
    int[] subscribe(int qos, String... filters) throws MqttException {
        int[] qosPerFilter = new int[filters.length];
        java.util.Arrays.fill(qosPerFilter, qos);
        IMqttToken token = paho.subscribeWithResponse(filters, qosPerFilter);
        return token.getGrantedQos();
    }

    void publish(String topic, String text, int qos) throws MqttException {
        paho.publish(topic, text.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    /**
     * Publishes a message the server answers by closing the connection, and waits for the close. Whether Paho
     * reports this publish as failed or as sent depends on timing, so that is not asserted.
     */
    void publishExpectingDisconnect(String topic, byte[] payload, int qos) {
        paho.setTimeToWait(2_000);
        try {
            paho.publish(topic, payload, qos, false);
        } catch (MqttException expected) {
            // the close raced the completion of the publish
        }
        org.awaitility.Awaitility.await().until(() -> connectionLost != null);
    }

    List<String> textsOn(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).map(Received::text).toList();
    }

    private void closeQuietly() {
        try {
            paho.close(true);
        } catch (MqttException ignored) {
            // a test client that failed to connect has nothing to release beyond its threads
        }
    }

    @Override
    public void close() {
        try {
            if (paho.isConnected()) {
                paho.disconnect(2_000);
            }
        } catch (MqttException e) {
            try {
                paho.disconnectForcibly(0, 1_000);
            } catch (MqttException ignored) {
                // closing below either way
            }
        }
        closeQuietly();
    }

    /** A socket factory that turns Nagle off on the client side, so a latency test measures the server only. */
    static final class NoDelaySocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return configured(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return configured(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return configured(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
            return configured(new Socket(address, port, localAddress, localPort));
        }

        private static Socket configured(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
