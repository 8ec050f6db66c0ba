package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.EmulatorSettings;
import io.edgejobs.emulator.internal.cloud.CreateJobSpec;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import io.edgejobs.engine.internal.GatewayEngine;
import io.edgejobs.store.sqlite.internal.TestStores;
import io.edgejobs.upstream.mqtt.internal.TestUpstreams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import io.edgejobs.test.support.SdkDevice;

/**
 * Case 8: a gateway process holding a full outbox is killed with SIGKILL; a new gateway on the same store file
 * finds every update its devices were told was accepted, and replays them when the cloud is reachable.
 */
class GatewayKillReplayTest {

    private static final String THING = "press-9";

    @TempDir
    Path dir;
    private Emulator cloud;
    private Process child;

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void case8AGatewayKilledWithAFullOutboxReplaysItAfterItsRestart() throws Exception {
        // given the cloud with a job for the thing, and a gateway in its own process whose device ran the job offline
        cloud = Emulator.start(EmulatorSettings.defaults().withMqtt("127.0.0.1", 0).withHttp("127.0.0.1", 0)
                .withThrottle(ThrottleLimits.UNLIMITED), new MqttServerFactoryComponent());
        cloud.controlPlane().createJob(new CreateJobSpec("job-1", List.of("arn:aws:iot:us-east-1:123456789012:thing/"
                + THING), "{\"press\":12}", null, null, null, null, null, null));
        Path storeFile = dir.resolve("gateway.db");
        BlockingQueue<String> said = startChild(storeFile);
        int devicePort = Integer.parseInt(awaitLine(said, line -> line.startsWith("READY ")).substring(6));
        try (SdkDevice device = new SdkDevice(THING, devicePort)) {
            awaitLine(said, line -> line.equals("KNOWN " + THING));
            cloud.faults().refuseConnectionsFor(Duration.ofMinutes(5));
            cloud.dropAllConnections();
            awaitLine(said, line -> line.startsWith("UPSTREAM ") && !line.equals("UPSTREAM CONNECTED"));
            int version = await(device.jobs().startNextPendingJobExecution(startNext(THING, details("stroke", "1"))))
                    .execution.versionNumber;
            version = await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.IN_PROGRESS, version,
                    details("stroke", "2")))).executionState.versionNumber;
            assertEquals(4, await(device.jobs().updateJobExecution(update(THING, "job-1", JobStatus.SUCCEEDED,
                    version, details("result", "pressed")))).executionState.versionNumber);

            // when the gateway process is killed
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        // then a new gateway on the same file finds every accepted update, in order
        try (TestStores.OpenStore store = TestStores.open(storeFile)) {
            List<OutboxEntry> outbox = store.outbox(THING);
            assertEquals(List.of(2L, 3L, 4L), outbox.stream().map(OutboxEntry::localVersionNumber).toList());
            assertEquals(JobStatus.SUCCEEDED.name(), outbox.get(2).request().status().name());
            assertEquals("QUEUED", cloud.cloud().existingThing(THING).orElseThrow().latest("job-1").orElseThrow()
                    .record().status().name(), "the cloud has seen nothing yet");

            // and replays them once the cloud takes it back
            GatewayEngine engine = new GatewayEngine(store, GatewayFixture.ENGINE_OPTIONS, Clock.systemUTC());
            try (TestUpstreams.Started upstream = TestUpstreams.start(cloud.mqttPort(), "edgejobs-gateway-restarted",
                    GatewayFixture.UPSTREAM_TIMEOUT_MILLIS, engine)) {
                engine.setUpstream(upstream.connection());
                cloud.faults().clear();
                await().atMost(Duration.ofSeconds(30)).until(() -> store.outboxSize() == 0);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    var record = cloud.cloud().existingThing(THING).orElseThrow().latest("job-1").orElseThrow()
                            .record();
                    assertEquals("SUCCEEDED v4 {result=pressed}", record.status() + " v" + record.versionNumber()
                            + " " + record.statusDetails());
                });
                assertEquals(3, engine.replayStatistics().confirmed());
            } finally {
                engine.close();
            }
        }
    }

    private BlockingQueue<String> startChild(Path storeFile) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                GatewayProcess.class.getName(), storeFile.toString(), Integer.toString(cloud.mqttPort()));
        builder.redirectError(dir.resolve("child-stderr.log").toFile());
        child = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("stdout read failed: " + e);
            }
        }, "gateway-child-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The next line the child says that matches; earlier lines are passed over. */
    private String awaitLine(BlockingQueue<String> lines, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("the gateway process never said what was expected; alive: " + child.isAlive()
                + ", stderr: " + errors());
    }

    private String errors() {
        try {
            String all = Files.readString(dir.resolve("child-stderr.log"));
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
