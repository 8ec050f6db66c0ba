package io.edgejobs.device.http.internal;

import static org.awaitility.Awaitility.await;

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
import io.edgejobs.store.sqlite.internal.TestStores;
import io.edgejobs.upstream.mqtt.internal.TestUpstreams;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The whole online gateway on loopback, no OSGi: the emulator as AWS IoT, the upstream connection (Paho) to it,
 * the engine on a real SQLite store, and this bundle's listener in front of the engine.
 */
final class HttpGatewayFixture implements AutoCloseable {

    final Emulator cloud;
    final TestStores.OpenStore store;
    final GatewayEngine engine;
    final TestUpstreams.Started upstream;
    final DeviceHttpServer http;

    private HttpGatewayFixture(Path dir, UnaryOperator<DeviceHttpOptions> options) throws Exception {
        cloud = Emulator.start(EmulatorSettings.defaults().withMqtt("127.0.0.1", 0).withHttp("127.0.0.1", 0)
                .withThrottle(ThrottleLimits.UNLIMITED), new MqttServerFactoryComponent());
        store = TestStores.open(dir.resolve("gateway.db"));
        engine = new GatewayEngine(store, EngineOptions.DEFAULTS.withRequestTimeout(Duration.ofSeconds(2))
                .withPrefetchInterval(Duration.ZERO), Clock.systemUTC());
        upstream = TestUpstreams.start(cloud.mqttPort(), "edgejobs-gateway", 5000, engine);
        engine.setUpstream(upstream.connection());
        http = DeviceHttpServer.start(options.apply(DeviceHttpOptions.DEFAULTS.withPort(0)), engine);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> upstream.connection().state() == ConnectionState.CONNECTED);
    }

    /** Plain HTTP on 127.0.0.1. */
    static HttpGatewayFixture start(Path dir) throws Exception {
        return new HttpGatewayFixture(dir, o -> o);
    }

    static HttpGatewayFixture start(Path dir, UnaryOperator<DeviceHttpOptions> options) throws Exception {
        return new HttpGatewayFixture(dir, options);
    }

    int port() {
        return http.boundPort();
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

    /** The cloud's latest record of an execution. */
    Optional<ExecutionRecord> cloudExecution(String thing, String jobId) {
        return cloud.cloud().existingThing(thing).map(ThingExecutions::records).orElse(List.of()).stream()
                .filter(r -> r.jobId().equals(jobId)).reduce((first, second) -> second);
    }

    @Override
    public void close() throws Exception {
        http.close();
        upstream.close();
        engine.close();
        store.close();
        cloud.close();
    }
}
