package io.edgejobs.emulator.standalone;

import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.EmulatorSettings;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the AWS IoT Jobs emulator without OSGi, from the distribution's bundle jars on a class path:
 * <pre>
 * java -cp 'distribution/target/edgejobs/bundle/*' io.edgejobs.emulator.standalone.EmulatorMain --data emulator.db
 * </pre>
 * It wires the same classes as the DS component and stops on SIGINT/SIGTERM.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorSettings settings;
        try {
            settings = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("emulator: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        Emulator emulator;
        try {
            emulator = Emulator.start(settings, MqttServerFactories.find());
        } catch (IOException | RuntimeException e) {
            System.err.println("emulator: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        System.out.println("AWS IoT Jobs emulator ready: MQTT " + settings.mqttHost() + ":" + emulator.mqttPort()
                + ", control plane " + emulator.httpEndpoint() + ", state "
                + (settings.dataFile() == null ? "in memory" : settings.dataFile().toAbsolutePath()));
        stopped.await();
    }
}
