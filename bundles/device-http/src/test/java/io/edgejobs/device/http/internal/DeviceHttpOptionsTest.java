package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.wire.TimestampUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceHttpOptionsTest {

    @Test
    void theDefaultsArePlainHttpOnLoopbackPort8443() {
        DeviceHttpOptions options = DeviceHttpOptions.from(TestConfigs.config(Map.of()));
        assertEquals("127.0.0.1", options.host());
        assertEquals(8443, options.port());
        assertNull(options.tls());
        assertEquals(65536, options.maxBodyBytes());
        assertEquals(4, options.workerThreads());
        assertEquals(Duration.ofSeconds(30), options.requestTimeout());
        assertEquals(1024, options.limits().maxStatusDetailValueLength());
        assertEquals(TimestampUnit.SECONDS, options.timestampUnit());
        assertEquals(DeviceHttpOptions.DEFAULTS, options);
    }

    @Test
    void plainHttpOnANonLoopbackHostIsRefused() {
        for (String host : new String[] {"0.0.0.0", "192.168.1.10", "gateway.local", "::"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DeviceHttpOptions.from(TestConfigs.config(Map.of("host", host))), host);
            assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        }
    }

    @Test
    void tlsAllowsANonLoopbackHost() {
        DeviceHttpOptions options = DeviceHttpOptions.from(TestConfigs.config(Map.of("host", "0.0.0.0",
                "serverCertificatePath", "certs/server.pem", "serverPrivateKeyPath", "certs/server.key",
                "deviceCaPath", " certs/devices.pem ")));
        assertEquals(new TlsFiles(Path.of("certs/server.pem"), Path.of("certs/server.key"),
                Path.of("certs/devices.pem")), options.tls());
        assertTrue(options.tls().mutual());
        assertEquals("https", options.scheme());
    }

    @Test
    void halfATlsSetupIsRefused() {
        IllegalArgumentException onlyCertificate = assertThrows(IllegalArgumentException.class,
                () -> DeviceHttpOptions.from(TestConfigs.config(Map.of("serverCertificatePath", "a.pem"))));
        assertTrue(onlyCertificate.getMessage().contains("only serverCertificatePath"), onlyCertificate.getMessage());
        IllegalArgumentException onlyCa = assertThrows(IllegalArgumentException.class,
                () -> DeviceHttpOptions.from(TestConfigs.config(Map.of("deviceCaPath", "ca.pem"))));
        assertTrue(onlyCa.getMessage().contains("deviceCaPath"), onlyCa.getMessage());
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheirName() {
        assertThrows(IllegalArgumentException.class, () -> DeviceHttpOptions.from(TestConfigs.config(
                Map.of("port", 70000))));
        assertThrows(IllegalArgumentException.class, () -> DeviceHttpOptions.from(TestConfigs.config(
                Map.of("maxBodyBytes", 100))));
        assertThrows(IllegalArgumentException.class, () -> DeviceHttpOptions.from(TestConfigs.config(
                Map.of("workerThreads", 0))));
        assertThrows(IllegalArgumentException.class, () -> DeviceHttpOptions.from(TestConfigs.config(
                Map.of("statusDetailValueMaxLength", 512))));
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> DeviceHttpOptions.from(TestConfigs.config(Map.of("timestampUnit", "MINUTES"))));
        assertTrue(unit.getMessage().contains("timestampUnit"));
    }

    @Test
    void millisecondsAndTheOldValueLimitCanBeChosen() {
        DeviceHttpOptions options = DeviceHttpOptions.from(TestConfigs.config(Map.of("timestampUnit",
                "milliseconds", "statusDetailValueMaxLength", 128)));
        assertEquals(TimestampUnit.MILLISECONDS, options.timestampUnit());
        assertEquals(128, options.limits().maxStatusDetailValueLength());
    }
}
