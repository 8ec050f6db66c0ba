package io.edgejobs.device.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A bare MQTT 3.1.1 client (Paho v3) for what the SDK hides: SUBACK return codes and the connection being closed
 * by the gateway.
 */
final class RawDevice implements AutoCloseable {

    private static final long WAIT_MILLIS = 10_000;

    final MqttAsyncClient client;
    final BlockingQueue<Throwable> connectionLost = new LinkedBlockingQueue<>();
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    RawDevice(String clientId, int port, String username) throws MqttException {
        client = new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                connectionLost.add(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                messages.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (username != null) {
            options.setUserName(username);
        }
        client.connect(options).waitForCompletion(WAIT_MILLIS);
    }

    /** The SUBACK return code of one filter: the granted QoS, or 128 when refused. */
    int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(filter, 1, (topic, message) -> messages.add(topic + " "
                + new String(message.getPayload(), StandardCharsets.UTF_8)));
        try {
            token.waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                return 128;
            }
            throw e;
        }
        return token.getGrantedQos()[0];
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(WAIT_MILLIS);
        }
        client.close();
    }
}
