package io.edgejobs.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * The framework every test boots: each jar of the assembled distribution's boot folder (the logging bundles, first,
 * as the distribution starts them) and bundle folder, JUnit as bundles from
 * local files, a free HTTP port on 127.0.0.1, and fresh temp folders for FileInstall, data and the Felix cache.
 * The FileInstall folder starts with the configurations a test framework needs so that no component takes a fixed
 * port (a running gateway may hold 1883) and none lacks its required configuration: the device listeners (MQTT,
 * HTTP) on ephemeral ports and the upstream connection configured but disabled (the emulator stays off, its built-in default).
 * The whole online flow is tested on the started distribution instead ({@code GatewayDistributionTest}).
 * Runs in the Surefire JVM (outside the framework) when Pax Exam asks for the configuration.
 */
final class DistributionOptions {

    private DistributionOptions() {
    }

    /** The distribution as shipped, with test-only folders and port. */
    static Option distribution() {
        return distribution(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
    }

    /** The distribution as shipped, with test-only folders and port, plus {@code extra} options. */
    static Option distribution(Option... extra) {
        Path work = workDir();
        List<Option> options = new ArrayList<>();
        distributionBundles().forEach(jar -> options.add(bundle(jar.toUri().toString())));
        options.add(bundle(requiredFile("junit.bundle").toUri().toString()));
        options.add(bundle(requiredFile("hamcrest.bundle").toUri().toString()));
        options.add(frameworkProperty("org.osgi.service.http.port").value(String.valueOf(freePort())));
        Path load = createDir(work.resolve("load"));
        write(load.resolve("io.edgejobs.device.mqtt.cfg"), "host = 127.0.0.1\nport = 0\n");
        write(load.resolve("io.edgejobs.device.http.cfg"), "host = 127.0.0.1\nport = 0\n");
        write(load.resolve("io.edgejobs.upstream.cfg"), "enabled = false\nclientId = itest\n");
        options.add(frameworkProperty("felix.fileinstall.dir").value(load.toString()));
        options.add(systemProperty("org.sqlite.tmpdir").value(createDir(work.resolve("data/tmp")).toString()));
        options.add(frameworkProperty("itest.data.dir").value(createDir(work.resolve("data")).toString()));
        options.add(workingDirectory(work.resolve("pax-exam").toString()));
        options.add(cleanCaches(true));
        options.addAll(List.of(extra));
        return composite(options.toArray(Option[]::new));
    }

    /**
     * Every jar of the distribution's boot folder, then of its bundle folder; fails when the distribution has not been
     * assembled.
     */
    static List<Path> distributionBundles() {
        List<Path> jars = new ArrayList<>(jars(Path.of(requiredProperty("boot.dir"))));
        jars.addAll(jars(Path.of(requiredProperty("bundle.dir"))));
        return jars;
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("No bundles in " + dir + ": build the distribution first "
                        + "(mvn -B verify from the root, or -pl itest -am)");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": build the distribution first", e);
        }
    }

    private static Path workDir() {
        try {
            Path base = createDir(Path.of(requiredProperty("itest.work.dir")));
            return Files.createTempDirectory(base, "framework-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requiredFile(String property) {
        Path file = Path.of(requiredProperty(property));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(property + " points to a missing file: " + file);
        }
        return file;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("System property " + name + " is not set (it comes from itest/pom.xml)");
        }
        return value;
    }

    /**
     * A port nothing listens on, below Linux's ephemeral range (32768-60999): a port the kernel handed out for the
     * test's probe socket could be handed out again to any outgoing connection on the machine before the runtime
     * under test binds it.
     */
    static int freePort() {
        return LoopbackPorts.unused();
    }
}
