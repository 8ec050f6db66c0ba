package io.edgejobs.benchmark;

import static org.awaitility.Awaitility.await;

import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import io.edgejobs.device.mqtt.internal.DeviceMqttFrontend;
import io.edgejobs.device.mqtt.internal.DeviceMqttOptions;
import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.EmulatorSettings;
import io.edgejobs.emulator.internal.cloud.CreateJobSpec;
import io.edgejobs.emulator.internal.cloud.ThingExecutions;
import io.edgejobs.engine.internal.EngineOptions;
import io.edgejobs.engine.internal.GatewayEngine;
import io.edgejobs.store.sqlite.internal.BenchStores;
import io.edgejobs.upstream.mqtt.internal.TestUpstreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole gateway in this JVM, assembled as the device-mqtt end-to-end tests assemble it but with the shipped
 * configuration values: the emulator as AWS IoT (its own MQTT listener on loopback, AWS's default quotas, memory
 * only), the upstream Paho connection to it (80 publishes per second), the engine (shipped defaults) on a real
 * SQLite store file (WAL, synchronous FULL, 2 ms group-commit window), and the device listener (Moquette).
 */
final class GatewayUnderTest implements AutoCloseable {

    private static final String ARN_PREFIX = "arn:aws:iot:us-east-1:123456789012:thing/";
    /** AWS IoT CreateJob takes at most 100 targets. */
    private static final int MAX_TARGETS = 100;

    final Emulator cloud;
    final JobStore store;
    final GatewayEngine engine;
    final TestUpstreams.Started upstream;
    final CountingUpstream countingUpstream;
    final DeviceMqttFrontend devices;
    private EngineOptions options;
    private int jobCounter;

    GatewayUnderTest(Path dir, int replayRate, int cloudDelayMillis) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("edgejobs.db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        cloud = Emulator.start(EmulatorSettings.defaults().withMqtt("127.0.0.1", 0).withHttp("127.0.0.1", 0),
                new MqttServerFactoryComponent());
        if (cloudDelayMillis > 0) {
            cloud.faults().delayResponses(Duration.ofMillis(cloudDelayMillis));
        }
        store = BenchStores.open(file);
        options = EngineOptions.DEFAULTS.withOffline(EngineOptions.DEFAULTS.offline().withReplayRate(replayRate));
        engine = new GatewayEngine(store, options, Clock.systemUTC());
        // shipped values except the reconnect backoff: the replay is timed from the reconnection, and a backoff
        // grown to the shipped 120 s maximum during the outage would only add idle time before it
        upstream = TestUpstreams.start(engine, Map.of("endpoint", "tcp://127.0.0.1:" + cloud.mqttPort(),
                "clientId", "edgejobs-gateway-benchmark", "reconnectInitialDelayMillis", 200,
                "reconnectMaxDelayMillis", 2000));
        countingUpstream = new CountingUpstream(upstream.connection());
        engine.setUpstream(countingUpstream);
        devices = DeviceMqttFrontend.start(new MqttServerFactoryComponent(), DeviceMqttOptions.DEFAULTS.withPort(0),
                engine, engine, Clock.systemUTC());
        engine.addNotificationListener(devices);
        await().atMost(Duration.ofSeconds(30)).until(() -> upstream.connection().state()
                == ConnectionState.CONNECTED);
    }

    int devicePort() {
        return devices.boundPort();
    }

    void replayRate(int perSecond) {
        options = options.withOffline(options.offline().withReplayRate(perSecond));
        engine.reconfigure(options);
    }

    /** CreateJob in the cloud for these things (several jobs when more than 100); returns the job ids. */
    List<String> createFleetJob(List<String> things, String document) {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < things.size(); from += MAX_TARGETS) {
            List<String> targets = new ArrayList<>();
            for (String thing : things.subList(from, Math.min(things.size(), from + MAX_TARGETS))) {
                targets.add(ARN_PREFIX + thing);
            }
            String id = "bench-" + (++jobCounter);
            cloud.controlPlane().createJob(new CreateJobSpec(id, targets, document, null, null, null, null, null,
                    null));
            ids.add(id);
        }
        return ids;
    }

    /** Waits until the gateway's cache holds this many pending executions per thing, with their documents. */
    void awaitCached(Map<String, Integer> pendingPerThing, List<String> jobIds, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (Map.Entry<String, Integer> e : pendingPerThing.entrySet()) {
                if (store.pendingExecutions(e.getKey()).size() != e.getValue()) {
                    return false;
                }
            }
            return jobIds.stream().allMatch(id -> store.document(id).isPresent());
        });
    }

    /**
     * Waits until the engine's own cloud traffic (cache refreshes after notifications, rechecks 5 s after a
     * timed-out request, the post-replay refresh) has stopped, so that it does not compete with the measured
     * requests: nothing in flight and nothing sent for {@code idle}.
     */
    void awaitQuietUpstream(Duration idle) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> countingUpstream.quietFor(idle));
    }

    /** The cloud drops the gateway and refuses it; returns once the gateway noticed. */
    void cutLink() {
        cloud.faults().refuseConnectionsFor(Duration.ofHours(1));
        cloud.dropAllConnections();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> upstream.connection().state() != ConnectionState.CONNECTED);
    }

    /** The cloud takes the gateway back (the gateway reconnects by itself). */
    void restoreLink() {
        cloud.faults().refuseConnectionsFor(Duration.ZERO);
    }

    boolean connected() {
        return upstream.connection().state() == ConnectionState.CONNECTED;
    }

    /** Executions of the thing the cloud holds as SUCCEEDED. */
    long succeededInCloud(String thing) {
        return cloud.cloud().existingThing(thing).map(ThingExecutions::records).orElse(List.of()).stream()
                .map(ExecutionRecord::status).filter(s -> s == JobExecutionStatus.SUCCEEDED).count();
    }

    BenchStores.CommitCounters commits() {
        return BenchStores.counters(store);
    }

    @Override
    public void close() throws Exception {
        devices.close();
        upstream.close();
        engine.close();
        BenchStores.close(store);
        cloud.close();
    }
}
