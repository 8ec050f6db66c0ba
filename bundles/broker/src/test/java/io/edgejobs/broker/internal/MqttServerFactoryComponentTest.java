package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgejobs.api.mqtt.MqttServer;
import io.edgejobs.api.mqtt.MqttServerOptions;
import java.lang.annotation.Annotation;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

class MqttServerFactoryComponentTest {

    private static Config config(int defaultMaxMessageBytes, int handlerThreads) {
        return new Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Config.class;
            }

            @Override
            public int nettyWorkerThreads() {
                return 1;
            }

            @Override
            public int handlerThreads() {
                return handlerThreads;
            }

            @Override
            public int defaultMaxMessageBytes() {
                return defaultMaxMessageBytes;
            }

            @Override
            public int connectTimeoutSeconds() {
                return 10;
            }

            @Override
            public int sessionQueueSize() {
                return 1024;
            }

            @Override
            public int handlerBacklogPerClient() {
                return 1000;
            }
        };
    }

    @Test
    void givenAConfiguredDefaultMessageSize_whenOptionsLeaveItAtZero_thenTheConfiguredLimitApplies() throws Exception {
        MqttServerFactoryComponent factory = new MqttServerFactoryComponent();
        factory.configure(config(2048, 1));
        RecordingHandler handler = new RecordingHandler();
        try (MqttServer server = factory.start(MqttServerOptions.defaults("factory", 0), handler);
             TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
            device.publish("things/thing-1/ok", "x".repeat(1500), 1);

            assertThrows(MqttException.class, () -> device.publish("things/thing-1/big", "x".repeat(3000), 1));

            await().until(() -> device.connectionLost != null);
            assertEquals(1, handler.publishesOf("thing-1").size());
        }
    }

    @Test
    void givenARunningServer_whenTheComponentIsDeactivated_thenTheServerIsClosed() throws Exception {
        MqttServerFactoryComponent factory = new MqttServerFactoryComponent();
        factory.configure(config(65536, 2));
        MqttServer server = factory.start(MqttServerOptions.defaults("factory", 0), new RecordingHandler());
        TestClient device = TestClient.connect(server.boundPort(), "thing-1");

        factory.deactivate();

        await().until(() -> device.connectionLost != null);
        assertEquals(0, server.connectedClientIds().size());
        device.close();
    }

    @Test
    void givenAnInvalidConfiguration_whenConfigured_thenRejected() {
        MqttServerFactoryComponent factory = new MqttServerFactoryComponent();

        assertThrows(IllegalArgumentException.class, () -> factory.configure(config(65536, 0)));
    }
}
