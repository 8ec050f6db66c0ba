package io.edgejobs.device.mqtt.internal;

import static org.awaitility.Awaitility.await;

import io.edgejobs.api.mqtt.MqttTlsOptions;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import io.edgejobs.broker.internal.TestPki;
import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.EmulatorSettings;
import io.edgejobs.emulator.internal.cloud.CreateJobSpec;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import io.edgejobs.engine.internal.GatewayEngine;
import io.edgejobs.store.sqlite.internal.TestStores;
import io.edgejobs.upstream.mqtt.internal.TestUpstreams;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The whole online gateway on loopback as {@link GatewayFixture} assembles it (emulator as the cloud, upstream,
 * engine on SQLite), with the device listener on TLS: the test CA's server certificate for localhost, device
 * certificates from the test CA required (mutual TLS), the plain listener off as in production.
 */
final class TlsGateway implements AutoCloseable {

    final Emulator cloud;
    final TestStores.OpenStore store;
    final GatewayEngine engine;
    final TestUpstreams.Started upstream;
    final DeviceMqttFrontend devices;

    TlsGateway(Path dir) throws Exception {
        TestPki pki = TestPki.get();
        cloud = Emulator.start(EmulatorSettings.defaults().withMqtt("127.0.0.1", 0).withHttp("127.0.0.1", 0)
                .withThrottle(ThrottleLimits.UNLIMITED), new MqttServerFactoryComponent());
        store = TestStores.open(dir.resolve("gateway.db"));
        engine = new GatewayEngine(store, GatewayFixture.ENGINE_OPTIONS, Clock.systemUTC());
        upstream = TestUpstreams.start(cloud.mqttPort(), "edgejobs-gateway", GatewayFixture.UPSTREAM_TIMEOUT_MILLIS,
                engine);
        engine.setUpstream(upstream.connection());
        MqttTlsOptions tls = MqttTlsOptions.serverOnly(0, pki.server().chainFile(), pki.server().pkcs8KeyFile())
                .withClientCaFile(pki.caFile());
        devices = DeviceMqttFrontend.start(new MqttServerFactoryComponent(),
                DeviceMqttOptions.DEFAULTS.withPort(0).withTls(tls).withPlainListenerEnabled(false), engine, engine,
                Clock.systemUTC());
        engine.addNotificationListener(devices);
        await().atMost(Duration.ofSeconds(15)).until(() -> upstream.connection().state()
                == ConnectionState.CONNECTED);
    }

    int tlsPort() {
        return devices.tlsBoundPort();
    }

    void createJob(String jobId, String document, String thing) {
        cloud.controlPlane().createJob(new CreateJobSpec(jobId,
                List.of("arn:aws:iot:us-east-1:123456789012:thing/" + thing), document, null, null, null, null, null,
                null));
    }

    @Override
    public void close() throws Exception {
        devices.close();
        upstream.close();
        engine.close();
        store.close();
        cloud.close();
    }
}
