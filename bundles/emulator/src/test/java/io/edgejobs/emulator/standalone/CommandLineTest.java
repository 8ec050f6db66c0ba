package io.edgejobs.emulator.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.jobs.StatusDetailsMode;
import io.edgejobs.emulator.internal.EmulatorSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noOptionsMeansTheDefaults() {
        EmulatorSettings s = CommandLine.parse(new String[0]);
        assertEquals("127.0.0.1", s.mqttHost());
        assertEquals(18883, s.mqttPort());
        assertEquals(18080, s.httpPort());
        assertNull(s.dataFile());
        assertEquals(100, s.throttle().publishesPerSecondPerConnection());
        assertEquals(200, s.throttle().accountReadsPerSecond());
        assertEquals(200, s.throttle().accountWritesPerSecond());
    }

    @Test
    void everyOptionIsRead() {
        EmulatorSettings s = CommandLine.parse(new String[] {"--mqtt-host", "0.0.0.0", "--mqtt-port", "1884",
            "--http-host", "localhost", "--http-port", "8081", "--data", "x/e.db", "--region", "eu-west-1",
            "--account", "111122223333", "--clock-scale", "60", "--publish-limit", "5", "--read-limit", "6",
            "--write-limit", "7", "--max-active-jobs", "9", "--status-details-max", "128",
            "--status-details-mode", "merge", "--terminal-describe-error"});
        assertEquals("0.0.0.0", s.mqttHost());
        assertEquals(1884, s.mqttPort());
        assertEquals("localhost", s.httpHost());
        assertEquals(8081, s.httpPort());
        assertEquals(Path.of("x/e.db"), s.dataFile());
        assertEquals("eu-west-1", s.region());
        assertEquals("111122223333", s.accountId());
        assertEquals(60, s.clockScale());
        assertEquals(5, s.throttle().publishesPerSecondPerConnection());
        assertEquals(6, s.throttle().accountReadsPerSecond());
        assertEquals(7, s.throttle().accountWritesPerSecond());
        assertEquals(9, s.maxActiveJobs());
        assertEquals(128, s.dataPlane().limits().maxStatusDetailValueLength());
        assertEquals(StatusDetailsMode.MERGE, s.dataPlane().statusDetailsMode());
        assertTrue(s.dataPlane().terminalDescribeIsError());
    }

    @Test
    void mistakesNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--mqtt-port"}))
                .getMessage().contains("--mqtt-port"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--http-port", "eighty"})).getMessage().contains("--http-port"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--account", "12"}));
        assertNull(CommandLine.parse(new String[] {"--help"}));
    }

    @Test
    void theBrokersFactoryIsFoundOnAPlainClassPath() {
        assertEquals("io.edgejobs.broker.internal.MqttServerFactoryComponent",
                MqttServerFactories.find().getClass().getName());
    }
}
