package io.edgejobs.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgejobs.api.jobs.StatusDetailsMode;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component driven the way SCR drives it: constructor with the typed configuration, @Modified, @Deactivate. */
class EmulatorComponentTest {

    @TempDir
    Path dir;

    @Test
    void disabledByDefaultItStartsNothing() {
        EmulatorComponent component = new EmulatorComponent(new MqttServerFactoryComponent(), config(Map.of()));
        assertNull(component.emulator());
        component.deactivate();
    }

    @Test
    void enabledItRunsAppliesLiveChangesAndRestartsForNewListeners() throws Exception {
        Map<String, Object> values = new HashMap<>(Map.of("enabled", true, "mqttPort", 0, "httpPort", 0,
                "dataFile", dir.resolve("e.db").toString()));
        EmulatorComponent component = new EmulatorComponent(new MqttServerFactoryComponent(), config(values));
        try {
            Emulator first = component.emulator();
            assertNotEquals(0, first.mqttPort());
            assertEquals(dir.resolve("e.db"), first.settings().dataFile());

            values.put("accountWritesPerSecond", 7);
            values.put("clockScale", 30.0);
            component.modified(config(values));
            assertSame(first, component.emulator(), "throttling and clock scale apply live");
            assertEquals(7, first.throttle().limits().accountWritesPerSecond());
            assertEquals(30.0, first.clock().scale());

            values.put("region", "eu-central-1");
            component.modified(config(values));
            assertNotSame(first, component.emulator(), "a new account or region restarts the emulator");
            assertEquals("eu-central-1", component.emulator().settings().region());

            values.put("enabled", false);
            component.modified(config(values));
            assertNull(component.emulator());
        } finally {
            component.deactivate();
        }
    }

    @Test
    void aPortInUseFailsActivationWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Map<String, Object> values = Map.of("enabled", true, "mqttPort", 0, "httpPort", taken.getLocalPort());
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> new EmulatorComponent(new MqttServerFactoryComponent(), config(values)));
            assertEquals(true, e.getMessage().contains(Integer.toString(taken.getLocalPort())), e.getMessage());
        }
    }

    @Test
    void theConfigurationMapsOntoTheSettings() {
        EmulatorSettings s = EmulatorComponent.settings(config(Map.of("statusDetailValueMaxLength", 128,
                "statusDetailsMode", StatusDetailsMode.MERGE, "terminalDescribeIsError", true, "maxActiveJobs", 3,
                "dataFile", "  ")));
        assertEquals(128, s.dataPlane().limits().maxStatusDetailValueLength());
        assertEquals(StatusDetailsMode.MERGE, s.dataPlane().statusDetailsMode());
        assertEquals(true, s.dataPlane().terminalDescribeIsError());
        assertEquals(3, s.maxActiveJobs());
        assertNull(s.dataFile(), "a blank data file means memory only");
        assertEquals(18883, s.mqttPort());
        assertEquals("127.0.0.1", s.httpHost());
    }

    /** A typed configuration as SCR builds it: the given values over the OCD defaults. */
    static Config config(Map<String, Object> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return Config.class;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "Config" + values : method.invoke(values, args);
                    }
                    return values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
