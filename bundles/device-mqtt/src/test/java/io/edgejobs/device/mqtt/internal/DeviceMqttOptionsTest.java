package io.edgejobs.device.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.jobs.ValidationLimits;
import io.edgejobs.api.mqtt.MqttServerOptions;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceMqttOptionsTest {

    @Test
    void theDefaultsListenOnLoopbackWithRoomForA32KbDocument() {
        DeviceMqttOptions options = DeviceMqttOptions.from(config("127.0.0.1", 1883, 65536, true, 1024));

        MqttServerOptions server = options.serverOptions();
        assertEquals("127.0.0.1", server.host());
        assertEquals(1883, server.port());
        assertEquals(65536, server.maxMessageBytes());
        assertTrue(server.allowAnonymous());
        assertEquals(List.of("$aws/things/+/jobs/#"), server.consumedTopicFilters());
        assertEquals(ValidationLimits.DEFAULTS, options.limits());
    }

    @Test
    void the2020LimitIsAChoiceAndOtherValueLimitsAreRefused() {
        assertEquals(128, DeviceMqttOptions.from(config("127.0.0.1", 1883, 65536, true, 128)).limits()
                .maxStatusDetailValueLength());
        assertThrows(IllegalArgumentException.class,
                () -> DeviceMqttOptions.from(config("127.0.0.1", 1883, 65536, true, 512)));
        assertThrows(IllegalArgumentException.class,
                () -> DeviceMqttOptions.from(config("127.0.0.1", 1883, 100, true, 1024)));
        assertThrows(IllegalArgumentException.class,
                () -> DeviceMqttOptions.from(config(" ", 1883, 65536, true, 1024)));
    }

    @Test
    void onlyListenerSettingsNeedANewListener() {
        DeviceMqttOptions base = DeviceMqttOptions.DEFAULTS;

        assertFalse(base.needsNewListener(base.withLimits(ValidationLimits.STRICT_2020)));
        assertTrue(base.needsNewListener(base.withPort(1884)));
        assertTrue(base.needsNewListener(base.withAllowAnonymous(false)));
    }

    private static Config config(String host, int port, int maxMessageBytes, boolean anonymous, int valueLength) {
        return new Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Config.class;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public int maxMessageBytes() {
                return maxMessageBytes;
            }

            @Override
            public boolean allowAnonymous() {
                return anonymous;
            }

            @Override
            public int statusDetailValueMaxLength() {
                return valueLength;
            }

            @Override
            public boolean plainListenerEnabled() {
                return true;
            }

            @Override
            public int tlsPort() {
                return 8883;
            }

            @Override
            public String tlsCertificateFile() {
                return "";
            }

            @Override
            public String tlsPrivateKeyFile() {
                return "";
            }

            @Override
            public String tlsDeviceCaFile() {
                return "";
            }
        };
    }
}
