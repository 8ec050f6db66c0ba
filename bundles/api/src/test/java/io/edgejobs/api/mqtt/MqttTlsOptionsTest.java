package io.edgejobs.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttTlsOptionsTest {

    private static final Path CHAIN = Path.of("server.pem");
    private static final Path KEY = Path.of("server.key");
    private static final Path CA = Path.of("devices-ca.pem");

    @Test
    void givenNoTls_thenOnlyThePlainListenerAsInVersion1() {
        MqttServerOptions options = MqttServerOptions.defaults("gateway", 1883);

        assertTrue(options.plainListenerEnabled());
        assertNull(options.tls());
        assertEquals(options, new MqttServerOptions("gateway", "127.0.0.1", 1883, 0, false,
            MqttServerOptions.AWS_JOBS_REQUEST_TOPIC_FILTERS));
    }

    @Test
    void givenServerOnlyTls_thenNoClientCertificateIsRequired() {
        MqttTlsOptions tls = MqttTlsOptions.serverOnly(MqttTlsOptions.DEFAULT_PORT, CHAIN, KEY);

        assertEquals(8883, tls.port());
        assertFalse(tls.clientCertificateRequired());
        assertTrue(tls.withClientCaFile(CA).clientCertificateRequired());
        assertEquals(CA, tls.withClientCaFile(CA).clientCaFile());
    }

    @Test
    void givenTls_thenTheWithersKeepIt() {
        MqttTlsOptions tls = MqttTlsOptions.serverOnly(8883, CHAIN, KEY).withClientCaFile(CA);

        MqttServerOptions options = MqttServerOptions.defaults("gateway", 1883).withTls(tls)
            .withPlainListenerEnabled(false).withHost("0.0.0.0").withPort(1884).withMaxMessageBytes(2048)
            .withAllowAnonymous(true).withConsumedTopicFilters(List.of("a/#"));

        assertEquals(tls, options.tls());
        assertFalse(options.plainListenerEnabled());
    }

    @Test
    void invalidCombinationsAreRejected() {
        MqttServerOptions plain = MqttServerOptions.defaults("gateway", 1883);

        assertThrows(IllegalArgumentException.class, () -> plain.withPlainListenerEnabled(false));
        assertThrows(IllegalArgumentException.class,
            () -> plain.withTls(MqttTlsOptions.serverOnly(1883, CHAIN, KEY)));
        assertThrows(IllegalArgumentException.class, () -> MqttTlsOptions.serverOnly(65536, CHAIN, KEY));
        assertThrows(NullPointerException.class, () -> MqttTlsOptions.serverOnly(8883, null, KEY));
        assertThrows(NullPointerException.class, () -> MqttTlsOptions.serverOnly(8883, CHAIN, null));
        // both on port 0: the OS chooses two different ports
        plain.withPort(0).withTls(MqttTlsOptions.serverOnly(0, CHAIN, KEY));
    }
}
