package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamOptionsTest {

    private static Map<String, Object> aws() {
        Map<String, Object> values = new HashMap<>();
        values.put("endpoint", "abcdefghij1234-ats.iot.eu-west-1.amazonaws.com");
        values.put("clientId", "gateway-1");
        values.put("certificatePath", "certs/gateway.pem.crt");
        values.put("privateKeyPath", "certs/gateway-private.pem.key");
        values.put("caPath", "certs/AmazonRootCA1.pem");
        return values;
    }

    private static String error(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> options(values)).getMessage();
    }

    @Test
    void theDefaultsAreTlsOnPort8883WithinTheAwsLimits() {
        UpstreamOptions o = options(aws());

        assertEquals(new Endpoint("abcdefghij1234-ats.iot.eu-west-1.amazonaws.com", 8883, true), o.endpoint());
        assertEquals("ssl://abcdefghij1234-ats.iot.eu-west-1.amazonaws.com:8883", o.endpoint().serverUri());
        assertNull(o.tls().alpnProtocol());
        assertEquals(Duration.ofSeconds(10), o.requestTimeout());
        assertTrue(o.wildcardSubscriptions());
        assertEquals(50, o.maxSubscriptions());
        assertTrue(o.publishRatePerSecond() + o.publishBurst() <= 100);
        assertEquals(Duration.ofSeconds(1), o.reconnectInitialDelay());
        assertEquals(Duration.ofSeconds(120), o.reconnectMaxDelay());
        assertFalse(o.plainTcp());
    }

    @Test
    void port443OffersTheAwsAlpnProtocolUnlessToldOtherwise() {
        Map<String, Object> values = aws();
        values.put("port", 443);
        assertEquals("x-amzn-mqtt-ca", options(values).tls().alpnProtocol());

        values.put("alpnProtocol", "none");
        assertNull(options(values).tls().alpnProtocol());

        values.put("endpoint", "ssl://abcdefghij1234-ats.iot.eu-west-1.amazonaws.com:443");
        values.remove("alpnProtocol");
        values.remove("port");
        assertEquals("x-amzn-mqtt-ca", options(values).tls().alpnProtocol());
    }

    @Test
    void plainTcpOnlyWhenSaidExplicitly() {
        Map<String, Object> values = new HashMap<>(Map.of("endpoint", "tcp://127.0.0.1:18883", "clientId", "g"));
        UpstreamOptions o = options(values);
        assertTrue(o.plainTcp());
        assertNull(o.tls());
        assertEquals(18883, o.endpoint().port());

        values.put("endpoint", "localhost");
        values.put("tls", false);
        values.put("port", 1883);
        assertEquals(new Endpoint("localhost", 1883, false), options(values).endpoint());

        values.put("tls", true);
        assertTrue(error(values).startsWith("certificatePath: required with TLS"));
    }

    @Test
    void contradictionsAndGapsAreRefusedWithTheAttributeName() {
        Map<String, Object> values = aws();
        values.put("endpoint", "ssl://host.example:8883");
        values.put("tls", false);
        assertTrue(error(values).contains("asks for TLS but tls=false"));

        values = aws();
        values.put("endpoint", "");
        assertTrue(error(values).startsWith("endpoint: required"));

        values = aws();
        values.put("endpoint", "host.example:8883");
        assertTrue(error(values).contains("write ssl://host:port"));

        values = aws();
        values.put("endpoint", "ws://host.example");
        assertTrue(error(values).contains("scheme ws is not supported"));

        values = aws();
        values.put("clientId", " ");
        assertTrue(error(values).startsWith("clientId"));

        values = aws();
        values.put("clientId", "x".repeat(129));
        assertTrue(error(values).startsWith("clientId"));

        values = aws();
        values.put("publishRatePerSecond", 95);
        assertTrue(error(values).contains("must not exceed 100"));

        values = aws();
        values.put("maxSubscriptionsPerConnection", 51);
        assertTrue(error(values).startsWith("maxSubscriptionsPerConnection"));

        values = aws();
        values.put("reconnectMaxDelayMillis", 500);
        assertTrue(error(values).startsWith("reconnectMaxDelayMillis"));

        values = new HashMap<>(Map.of("endpoint", "tcp://127.0.0.1:1883", "clientId", "g", "alpnProtocol", "x"));
        assertTrue(error(values).startsWith("alpnProtocol: needs TLS"));
    }

    @Test
    void aDisabledConnectionNeedsNoEndpointOrIdentity() {
        UpstreamOptions o = options(Map.of("enabled", false));

        assertFalse(o.enabled());
        assertNull(o.endpoint());
    }

    @Test
    void theKeyPasswordNeverShowsInTheOptionsText() {
        Map<String, Object> values = aws();
        values.put("privateKeyPassword", "Very-Secret-123");

        String text = options(values).toString();

        assertFalse(text.contains("Very-Secret-123"), text);
        assertTrue(text.contains("privateKeyPassword=(set)"), text);
        assertTrue(options(aws()).toString().contains("privateKeyPassword=(none)"));
    }
}
