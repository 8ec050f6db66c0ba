package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgejobs.tls.TlsSetupException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component refuses what it cannot serve safely, before binding anything. */
class DeviceHttpComponentTest {

    @Test
    void plainHttpOnAllInterfacesDoesNotStart() {
        DeviceHttpComponent component = new DeviceHttpComponent();
        assertThrows(IllegalArgumentException.class,
                () -> component.activate(TestConfigs.config(Map.of("host", "0.0.0.0", "port", 0))));
    }

    @Test
    void unreadableTlsFilesDoNotStart() {
        DeviceHttpComponent component = new DeviceHttpComponent();
        assertThrows(TlsSetupException.class, () -> component.activate(TestConfigs.config(Map.of("port", 0,
                "serverCertificatePath", "no/such/server.pem", "serverPrivateKeyPath", "no/such/server.key"))));
    }

    @Test
    void aPortInUseDoesNotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DeviceHttpComponent component = new DeviceHttpComponent();
            assertThrows(IOException.class,
                    () -> component.activate(TestConfigs.config(Map.of("port", taken.getLocalPort()))));
        }
    }
}
