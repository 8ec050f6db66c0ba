package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.mqtt.MqttTlsOptions;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.broker.internal.LogCapture;
import io.edgejobs.broker.internal.TestPki;
import io.edgejobs.test.support.SdkRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;

/**
 * Devices on the gateway's mutual TLS listener (plain listener off), as they connect to AWS IoT Core: the official
 * AWS IoT Device SDK v2 with a certificate and key file, and Paho with TLS. The thing is bound to the certificate:
 * its CN must be the client id.
 */
class GatewayMutualTlsTest {

    private static final String THING = "tls-pump-1";
    private static final TestPki PKI = TestPki.get();

    @TempDir
    Path dir;
    private GatewayFixture gateway;

    @BeforeEach
    void start() throws Exception {
        // the test CA's server certificate for localhost, device certificates from the test CA required
        gateway = GatewayFixture.startOnTls(dir, MqttTlsOptions.serverOnly(0, PKI.server().chainFile(),
                PKI.server().pkcs8KeyFile()).withClientCaFile(PKI.caFile()));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void givenTheSdkWithTheThingsCertificate_thenAJobRunsThroughTheGatewayToTheCloud() throws Exception {
        gateway.createJob("firmware-1", "{\"operation\":\"install\"}", THING);

        try (MtlsSdkDevice device = MtlsSdkDevice.connect(THING, PKI.device(THING), tlsPort())) {
            GetPendingJobExecutionsResponse pending =
                    await(device.jobs().getPendingJobExecutions(SdkRequests.getPending(THING)));
            assertEquals("firmware-1", pending.queuedJobs.get(0).jobId);

            StartNextJobExecutionResponse started = await(device.jobs().startNextPendingJobExecution(
                    SdkRequests.startNext(THING, SdkRequests.details("step", "download"))));
            assertEquals(JobStatus.IN_PROGRESS, started.execution.status);
            assertEquals("install", started.execution.jobDocument.get("operation"));

            UpdateJobExecutionResponse done = await(device.jobs().updateJobExecution(SdkRequests.update(THING,
                    "firmware-1", JobStatus.SUCCEEDED, started.execution.versionNumber,
                    SdkRequests.details("result", "ok"))));
            assertEquals(JobStatus.SUCCEEDED, done.executionState.status);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.store.executions(THING).stream()
                .map(ExecutionRecord::status).map(String::valueOf).toList().equals(java.util.List.of("SUCCEEDED")));
        assertEquals(Set.of(), gateway.devices.connectedThings());
    }

    @Test
    void givenACertificateWhoseCnIsAnotherThing_thenTheConnectIsRefusedWithAWarning() throws Exception {
        String log;
        try (LogCapture capture = new LogCapture()) {
            assertThrows(Exception.class,
                    () -> MtlsSdkDevice.connect(THING, PKI.device("tls-pump-2"), tlsPort()).close());
            log = capture.text();
        }

        assertTrue(log.contains("thing " + THING + ": refusing connection with the client certificate "
                + "CN=tls-pump-2"), log);
        assertTrue(log.contains("refusing CONNECT of client " + THING), log);
        assertEquals(Set.of(), gateway.devices.connectedThings());
        assertTrue(gateway.store.knownThings().isEmpty(), "the refused device was not taken for the thing");
    }

    @Test
    void givenNoClientCertificate_thenTheTlsHandshakeFails() throws Exception {
        String log;
        try (LogCapture capture = new LogCapture()) {
            MqttException refused = assertThrows(MqttException.class, () -> paho(THING, null).close());
            await().until(() -> capture.text().contains("TLS handshake with"));
            log = capture.text();
            assertTrue(refused.getReasonCode() != MqttException.REASON_CODE_NOT_AUTHORIZED, refused.toString());
        }

        assertTrue(log.contains("failed, connection closed"), log);
        assertEquals(Set.of(), gateway.devices.connectedThings());
    }

    @Test
    void givenAPlainMqttClientOnTheTlsPort_thenItIsNotServed() throws Exception {
        assertThrows(MqttException.class, () -> new RawDevice(THING, tlsPort(), null).close());

        assertEquals(Set.of(), gateway.devices.connectedThings());
        assertEquals(-1, gateway.devices.boundPort(), "the plain listener is off");
    }

    @Test
    void givenPahoWithTlsAndTheThingsCertificate_thenItIsAnswered() throws Exception {
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        MqttClient client = paho(THING, PKI.device(THING));
        try {
            client.subscribe("$aws/things/" + THING + "/jobs/get/accepted", 1,
                    (topic, message) -> answers.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish("$aws/things/" + THING + "/jobs/get",
                    "{\"clientToken\":\"paho-1\"}".getBytes(StandardCharsets.UTF_8), 1, false);

            String answer = answers.poll(10, TimeUnit.SECONDS);
            assertTrue(answer != null && answer.contains("\"clientToken\":\"paho-1\""), String.valueOf(answer));
            assertEquals(Set.of(THING), gateway.devices.connectedThings());
        } finally {
            client.disconnect(2_000);
            client.close();
        }
    }

    private int tlsPort() {
        return gateway.devices.tlsBoundPort();
    }

    private MqttClient paho(String clientId, TestPki.Issued certificate) throws Exception {
        MqttClient client = new MqttClient("ssl://localhost:" + tlsPort(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setSocketFactory(PKI.clientContext(certificate).getSocketFactory());
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
