package io.edgejobs.device.mqtt.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgejobs.api.mqtt.MqttTlsOptions;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.EmulatorSettings;
import io.edgejobs.emulator.internal.cloud.CreateJobSpec;
import io.edgejobs.emulator.internal.cloud.ThingExecutions;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import io.edgejobs.engine.internal.EngineOptions;
import io.edgejobs.engine.internal.GatewayEngine;
import io.edgejobs.engine.internal.OfflineOptions;
import io.edgejobs.store.sqlite.internal.TestStores;
import io.edgejobs.upstream.mqtt.internal.TestUpstreams;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import io.edgejobs.test.support.SdkDevice;

/**
 * The whole online gateway on loopback, no OSGi: the emulator as AWS IoT (its own MQTT listener), the upstream
 * connection (Paho) to it, the engine on a real SQLite store, and the device listener (Moquette) devices connect
 * to. Devices are the official AWS IoT Device SDK v2 or a bare Paho client.
 */
final class GatewayFixture implements AutoCloseable {

    static final int UPSTREAM_TIMEOUT_MILLIS = 5000;
    static final Duration ENGINE_BOUND = Duration.ofMillis(2000);

    final Emulator cloud;
    final TestStores.OpenStore store;
    final GatewayEngine engine;
    final TestUpstreams.Started upstream;
    final DeviceMqttFrontend devices;
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** The engine's options in these tests: short bounds, no periodic prefetch, a quick replay backoff. */
    static final EngineOptions ENGINE_OPTIONS = EngineOptions.DEFAULTS.withRequestTimeout(ENGINE_BOUND)
            .withPrefetchInterval(Duration.ZERO).withRecheckDelay(Duration.ofMillis(200))
            .withOffline(OfflineOptions.DEFAULTS.withReplayRate(20)
                    .withReplayBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)));

    private GatewayFixture(Path dir, UnaryOperator<EmulatorSettings> tweak, UnaryOperator<EngineOptions> engineTweak)
            throws Exception {
        this(dir, tweak, engineTweak, cloud -> Clock.systemUTC());
    }

    private GatewayFixture(Path dir, UnaryOperator<EmulatorSettings> tweak, UnaryOperator<EngineOptions> engineTweak,
            Function<Emulator, Clock> engineClock) throws Exception {
        this(dir, tweak, engineTweak, engineClock, d -> d);
    }

    private GatewayFixture(Path dir, UnaryOperator<EmulatorSettings> tweak, UnaryOperator<EngineOptions> engineTweak,
            Function<Emulator, Clock> engineClock, UnaryOperator<DeviceMqttOptions> deviceTweak) throws Exception {
        cloud = Emulator.start(tweak.apply(EmulatorSettings.defaults()
                .withMqtt("127.0.0.1", 0)
                .withHttp("127.0.0.1", 0)
                .withThrottle(ThrottleLimits.UNLIMITED)), new MqttServerFactoryComponent());
        store = TestStores.open(dir.resolve("gateway.db"));
        engine = new GatewayEngine(store, engineTweak.apply(ENGINE_OPTIONS),
                engineClock.apply(cloud));
        upstream = TestUpstreams.start(cloud.mqttPort(), "edgejobs-gateway", UPSTREAM_TIMEOUT_MILLIS, engine);
        engine.setUpstream(upstream.connection());
        devices = DeviceMqttFrontend.start(new MqttServerFactoryComponent(),
                deviceTweak.apply(DeviceMqttOptions.DEFAULTS.withPort(0)), engine, engine, Clock.systemUTC());
        engine.addNotificationListener(devices);
        await().atMost(Duration.ofSeconds(15)).until(() -> upstream.connection().state()
                == ConnectionState.CONNECTED);
    }

    static GatewayFixture start(Path dir) throws Exception {
        return new GatewayFixture(dir, s -> s, o -> o);
    }

    static GatewayFixture start(Path dir, UnaryOperator<EmulatorSettings> tweak) throws Exception {
        return new GatewayFixture(dir, tweak, o -> o);
    }

    static GatewayFixture start(Path dir, UnaryOperator<EmulatorSettings> tweak,
            UnaryOperator<EngineOptions> engineTweak) throws Exception {
        return new GatewayFixture(dir, tweak, engineTweak);
    }

    /**
     * A gateway whose engine reads the emulator's clock, as if both were synchronised by NTP: {@code
     * cloud.advanceClock} moves the gateway's time too (presigned URLs expiring, timers).
     */
    static GatewayFixture startOnTheCloudsClock(Path dir, UnaryOperator<EngineOptions> engineTweak) throws Exception {
        return new GatewayFixture(dir, s -> s, engineTweak, Emulator::clock);
    }

    /** A gateway whose engine reads its own clock, which the test moves independently of the cloud's. */
    static GatewayFixture startOnItsOwnClock(Path dir, Clock engineClock) throws Exception {
        return new GatewayFixture(dir, s -> s, o -> o, cloud -> engineClock);
    }

    /** A gateway whose device listener serves {@code tls} only, the plain listener off as in production. */
    static GatewayFixture startOnTls(Path dir, MqttTlsOptions tls) throws Exception {
        return new GatewayFixture(dir, s -> s, o -> o, cloud -> Clock.systemUTC(),
                d -> d.withTls(tls).withPlainListenerEnabled(false));
    }

    /** The cloud drops the gateway and refuses it from now on; returns once the gateway noticed. */
    void cloudGoesAway() {
        cloud.faults().refuseConnectionsFor(Duration.ofMinutes(5));
        cloud.dropAllConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.connection().state()
                != ConnectionState.CONNECTED);
    }

    /** The cloud takes the gateway back; returns once connected again. */
    void cloudComesBack() {
        cloud.faults().refuseConnectionsFor(Duration.ZERO);
        await().atMost(Duration.ofSeconds(15)).until(() -> upstream.connection().state()
                == ConnectionState.CONNECTED);
    }

    /** Waits until the replay has emptied the outbox. */
    void awaitOutboxReplayed() {
        await().atMost(Duration.ofSeconds(30)).until(() -> store.outboxSize() == 0);
    }

    /** Waits until the cloud holds what the device was told for one execution (status, version, details). */
    void awaitCloudHas(String thing, String executionKey, String view) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(view,
                cloudView(thing).get(executionKey), "the cloud's " + executionKey + " of " + thing));
    }

    /** A device of the thing on the gateway's listener, with the official SDK. */
    SdkDevice sdkDevice(String thing) throws Exception {
        SdkDevice device = new SdkDevice(thing, devices.boundPort());
        clients.add(device);
        // the gateway learns of the thing on connect and prefetches it: wait until it is known
        await().atMost(Duration.ofSeconds(10)).until(() -> store.knownThings().contains(thing));
        return device;
    }

    /** A bare Paho client on the gateway's listener. */
    RawDevice rawDevice(String clientId, String username) throws Exception {
        RawDevice device = new RawDevice(clientId, devices.boundPort(), username);
        clients.add(device);
        return device;
    }

    /** CreateJob in the cloud's control plane, targeting things by ARN. */
    void createJob(String jobId, String document, String... things) {
        List<String> targets = new ArrayList<>();
        for (String thing : things) {
            targets.add("arn:aws:iot:us-east-1:123456789012:thing/" + thing);
        }
        cloud.controlPlane().createJob(new CreateJobSpec(jobId, targets, document, null, null, null, null, null,
                null));
    }

    /** Waits until the gateway's cache holds what the cloud holds for the thing: executions, statuses, versions. */
    void assertCacheMatchesCloud(String thing) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(cloudView(thing), cacheView(thing),
                "cache (right) against cloud (left) for " + thing));
    }

    /**
     * As {@link #assertCacheMatchesCloud}, except for one execution the cloud ended while the gateway was away:
     * devices are shown it at {@code presentedVersion} (docs/reconciliation.md, "Presented version of a terminal
     * conflict"), everything else about it as the cloud holds it.
     */
    void assertCacheMatchesCloudPresenting(String thing, String executionKey, long presentedVersion) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, String> expected = cloudView(thing);
            expected.computeIfPresent(executionKey,
                    (k, v) -> v.replaceFirst(" v\\d+ ", " v" + presentedVersion + " "));
            assertEquals(expected, cacheView(thing), "cache (right) against cloud (left) for " + thing
                    + ", " + executionKey + " presented at v" + presentedVersion);
        });
    }

    /**
     * Waits until the gateway's cache holds what the cloud holds for the thing, once {@code expected} has turned the
     * cloud's view into what the cache should show (presented versions, executions the gateway cannot know of).
     */
    void assertCacheMatchesCloud(String thing, UnaryOperator<Map<String, String>> expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(expected.apply(cloudView(thing)),
                cacheView(thing), "cache (right) against the cloud's view made expected (left) for " + thing));
    }

    Map<String, String> cloudView(String thing) {
        return view(cloud.cloud().existingThing(thing).map(ThingExecutions::records).orElse(List.of()));
    }

    Map<String, String> cacheView(String thing) {
        return view(store.executions(thing));
    }

    private static Map<String, String> view(Collection<ExecutionRecord> records) {
        Map<String, String> view = new TreeMap<>();
        for (ExecutionRecord r : records) {
            view.put(r.jobId() + "#" + r.executionNumber(), r.status() + " v" + r.versionNumber() + " "
                    + new TreeMap<>(r.statusDetails()));
        }
        return view;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // already closed by the gateway
            }
        }
        devices.close();
        upstream.close();
        engine.close();
        store.close();
        cloud.close();
    }
}
