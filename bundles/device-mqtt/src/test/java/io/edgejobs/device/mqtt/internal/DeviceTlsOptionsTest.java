package io.edgejobs.device.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.mqtt.MqttServerOptions;
import io.edgejobs.api.mqtt.MqttTlsOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceTlsOptionsTest {

    private static final Map<String, Object> TLS = Map.of("tlsCertificateFile", "/etc/edgejobs/tls/server.pem",
            "tlsPrivateKeyFile", " /etc/edgejobs/tls/server.key ");

    @Test
    void givenTheDefaults_thenOnlyThePlainListener() {
        DeviceMqttOptions options = DeviceMqttOptions.from(DeviceConfigs.config(Map.of()));

        assertTrue(options.plainListenerEnabled());
        assertNull(options.tls());
        assertEquals(DeviceMqttOptions.DEFAULTS, options);
    }

    @Test
    void givenCertificateAndKey_thenServerTlsOn8883BesideThePlainListener() {
        DeviceMqttOptions options = DeviceMqttOptions.from(DeviceConfigs.config(TLS));

        assertEquals(MqttTlsOptions.serverOnly(8883, Path.of("/etc/edgejobs/tls/server.pem"),
                Path.of("/etc/edgejobs/tls/server.key")), options.tls());
        MqttServerOptions server = options.serverOptions();
        assertEquals(options.tls(), server.tls());
        assertTrue(server.plainListenerEnabled());
    }

    @Test
    void givenADeviceCaAndThePlainListenerOff_thenMutualTlsOnly() {
        Map<String, Object> values = new java.util.HashMap<>(TLS);
        values.put("tlsDeviceCaFile", "/etc/edgejobs/tls/devices-ca.pem");
        values.put("plainListenerEnabled", false);
        values.put("tlsPort", 18883);

        DeviceMqttOptions options = DeviceMqttOptions.from(DeviceConfigs.config(values));

        assertTrue(options.tls().clientCertificateRequired());
        assertEquals(18883, options.tls().port());
        assertFalse(options.serverOptions().plainListenerEnabled());
    }

    @Test
    void givenIncompleteTlsSettings_thenTheConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DeviceMqttOptions.from(DeviceConfigs.config(
                Map.of("tlsCertificateFile", "/etc/edgejobs/tls/server.pem"))));
        assertThrows(IllegalArgumentException.class, () -> DeviceMqttOptions.from(DeviceConfigs.config(
                Map.of("tlsDeviceCaFile", "/etc/edgejobs/tls/devices-ca.pem"))));
        assertThrows(IllegalArgumentException.class, () -> DeviceMqttOptions.from(DeviceConfigs.config(
                Map.of("plainListenerEnabled", false))));
        Map<String, Object> samePort = new java.util.HashMap<>(TLS);
        samePort.put("tlsPort", 1883);
        assertThrows(IllegalArgumentException.class, () -> DeviceMqttOptions.from(DeviceConfigs.config(samePort)));
    }

    @Test
    void givenATlsChange_thenTheListenerIsRestarted() {
        DeviceMqttOptions plain = DeviceMqttOptions.DEFAULTS;
        DeviceMqttOptions tls = DeviceMqttOptions.from(DeviceConfigs.config(TLS));

        assertTrue(plain.needsNewListener(tls));
        assertTrue(tls.needsNewListener(tls.withTls(tls.tls().withClientCaFile(Path.of("/ca.pem")))));
        assertTrue(tls.needsNewListener(tls.withPlainListenerEnabled(false)));
        assertFalse(tls.needsNewListener(DeviceMqttOptions.from(DeviceConfigs.config(TLS))));
    }
}
