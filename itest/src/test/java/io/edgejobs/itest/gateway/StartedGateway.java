package io.edgejobs.itest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgejobs.itest.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * A copy of the assembled distribution ({@code distribution/target/edgejobs}: bin, boot, bundle, conf, load; a fresh
 * data folder) in a temp folder under {@code target/itest-work}, its shipped configuration changed only where a test
 * needs it: every listener on a free loopback port and the upstream connection pointed at the emulator's port. It is
 * started with {@code bin/edgejobs} as a child process whose output (the console log) goes to {@code gateway.log}
 * beside it (kept for diagnosis; the gateway's own rolling log file is {@code data/log/edgejobs.log}), and is ready
 * once the device port accepts connections and the upstream connection is CONNECTED.
 */
final class StartedGateway implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String ACCOUNT = "123456789012";
    private static final String CONSOLE_AUTH = "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final Path log;
    final int httpPort;
    final int devicePort;
    final int deviceHttpPort;
    final int emulatorMqttPort;
    final int emulatorHttpPort;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StartedGateway(Path home, Map<String, Integer> ports, Process process) {
        this.home = home;
        this.log = home.resolve("gateway.log");
        this.httpPort = ports.get("http");
        this.devicePort = ports.get("device");
        this.deviceHttpPort = ports.get("deviceHttp");
        this.emulatorMqttPort = ports.get("emulatorMqtt");
        this.emulatorHttpPort = ports.get("emulatorHttp");
        this.process = process;
    }

    /** Copies, configures and starts the distribution; returns once it serves devices and is connected upstream. */
    static StartedGateway start() throws IOException {
        Path source = Path.of(requiredProperty("distribution.dir"));
        if (!Files.isRegularFile(source.resolve("bin/edgejobs"))) {
            throw new IllegalStateException("No assembled distribution in " + source
                    + ": build it first (mvn -B verify from the root, or -pl itest -am)");
        }
        Path work = Files.createDirectories(Path.of(requiredProperty("itest.work.dir")));
        Path home = Files.createTempDirectory(work, "gateway-");
        // data/ and felix-cache/ of the source are a developer's state: never copied
        for (String folder : List.of("bin", "boot", "bundle", "conf", "load")) {
            copyTree(source.resolve(folder), home.resolve(folder));
        }
        Files.createDirectories(home.resolve("data"));

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("http", "device", "deviceHttp", "emulatorMqtt", "emulatorHttp")) {
            ports.put(name, freePort());
        }
        configure(home, ports);

        ProcessBuilder builder = new ProcessBuilder("sh", "bin/edgejobs")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("gateway.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        StartedGateway gateway = new StartedGateway(home, ports, builder.start());
        try {
            gateway.awaitReady();
        } catch (RuntimeException | Error e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** The shipped files with the ports (and nothing else a test does not need) changed. */
    private static void configure(Path home, Map<String, Integer> ports) throws IOException {
        // the HTTP port Jetty takes before load/ is applied is a framework property
        Path framework = home.resolve("conf/config.properties");
        String properties = Files.readString(framework);
        String replaced = properties.replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port=.*$",
                "org.osgi.service.http.port=" + ports.get("http"));
        if (replaced.equals(properties)) {
            throw new IllegalStateException("conf/config.properties has no org.osgi.service.http.port line");
        }
        Files.writeString(framework, replaced);

        Path load = home.resolve("load");
        override(load.resolve("org.apache.felix.http.cfg"), Map.of(
                "org.apache.felix.http.host", "127.0.0.1",
                "org.osgi.service.http.port", ports.get("http").toString()));
        override(load.resolve("io.edgejobs.device.mqtt.cfg"), Map.of(
                "host", "127.0.0.1",
                "port", ports.get("device").toString()));
        override(load.resolve("io.edgejobs.device.http.cfg"), Map.of(
                "host", "127.0.0.1",
                "port", ports.get("deviceHttp").toString()));
        override(load.resolve("io.edgejobs.emulator.cfg"), Map.of(
                "enabled", "true",
                "mqttHost", "127.0.0.1",
                "mqttPort", ports.get("emulatorMqtt").toString(),
                "httpHost", "127.0.0.1",
                "httpPort", ports.get("emulatorHttp").toString()));
        override(load.resolve("io.edgejobs.upstream.cfg"), Map.of(
                "endpoint", "tcp://127.0.0.1:" + ports.get("emulatorMqtt"),
                "clientId", "edgejobs-itest-gateway",
                // the upstream may try before the emulator listens: retry soon
                "reconnectInitialDelayMillis", "200"));
    }

    /** Replaces the {@code key = value} lines of a shipped .cfg file; fails when a key is not in it. */
    private static void override(Path cfg, Map<String, String> values) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg));
        for (Map.Entry<String, String> value : values.entrySet()) {
            String key = value.getKey();
            int index = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*" + key.replace(".", "\\.") + "\\s*=.*")) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IllegalStateException(cfg.getFileName() + " has no line for " + key
                        + ": the shipped configuration changed, adapt the test");
            }
            lines.set(index, key + " = " + value.getValue());
        }
        Files.write(cfg, lines);
    }

    private void awaitReady() {
        Poll.until(START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("The gateway exited with " + process.exitValue() + " while starting:\n"
                        + logTail());
            }
            return accepts(devicePort) && "CONNECTED".equals(upstreamState());
        }, () -> "the gateway is not ready: device port " + devicePort + (accepts(devicePort) ? " open" : " closed")
                + ", upstream state " + upstreamState() + "; log " + log + ":\n" + logTail());
    }

    /** The upstream connection's state, from its service property as the Web Console shows it. */
    String upstreamState() {
        try {
            for (JsonNode service : console("/system/console/services.json").path("data")) {
                if (service.path("types").asText().contains("io.edgejobs.api.upstream.UpstreamConnection")) {
                    JsonNode details = console("/system/console/services/" + service.path("id").asText() + ".json");
                    for (JsonNode property : details.path("data").path(0).path("props")) {
                        if ("edgejobs.upstream.state".equals(property.path("key").asText())) {
                            return property.path("value").asText();
                        }
                    }
                }
            }
            return "(no UpstreamConnection service)";
        } catch (IOException e) {
            return "(console not reachable: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private JsonNode console(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", CONSOLE_AUTH).timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** The operator: the official AWS SDK for Java v2 IotClient on the emulator's control plane, fake credentials. */
    IotClient operator() {
        return IotClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + emulatorHttpPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAEMULATOREXAMPLE", "fake-secret-key-for-the-emulator")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    static String thingArn(String thing) {
        return "arn:aws:iot:us-east-1:" + ACCOUNT + ":thing/" + thing;
    }

    /** The rolling log file (the shipped logging configuration's relative path, inside this copy). */
    Path logFile() {
        return home.resolve("data/log/edgejobs.log");
    }

    /** The store's database file (the shipped configuration's relative path, inside this copy). */
    Path database() {
        return home.resolve("data/edgejobs.db");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (Felix's shutdown hook stops every bundle) and waits for the exit; fails if it has to be forced. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("The gateway did not stop within " + STOP_TIMEOUT + " of SIGTERM; killed. Log:\n"
                    + logTail());
        }
        return process.exitValue();
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Never leaves the process behind: SIGTERM, then SIGKILL. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        return io.edgejobs.itest.LoopbackPorts.unused();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("System property " + name + " is not set (it comes from itest/pom.xml)");
        }
        return value;
    }
}
