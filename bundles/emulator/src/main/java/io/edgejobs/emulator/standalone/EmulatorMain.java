package io.edgejobs.emulator.standalone;

import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.EmulatorSettings;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the AWS IoT Jobs emulator without OSGi, from the distribution's bundle jars on a class path:
 * <pre>
 * cd distribution/target/edgejobs
 * java -cp 'bundle/*:boot/pax-logging-api.jar:bin/felix.jar' io.edgejobs.emulator.standalone.EmulatorMain --data data/emulator.db
 * </pre>
 * ({@code bin/felix.jar} only supplies {@code org.osgi.framework}, which pax-logging-api needs even outside OSGi.)
 * It wires the same classes as the DS component and stops on SIGINT/SIGTERM.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    /** pax-logging-api (the distribution's SLF4J) logs at DEBUG outside OSGi unless told otherwise. */
    static final String PAX_LOG_LEVEL = "org.ops4j.pax.logging.DefaultServiceLog.level";

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty(PAX_LOG_LEVEL) == null) {
            System.setProperty(PAX_LOG_LEVEL, "INFO");
        }
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
