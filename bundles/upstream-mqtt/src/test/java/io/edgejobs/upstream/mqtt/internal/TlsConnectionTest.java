package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.tls.TlsFixtures.KEY_PASSWORD;
import static io.edgejobs.tls.TlsFixtures.tls;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.upstream.ConnectionState;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TLS end to end: the client under test connects to a JDK TLS listener (client certificate required, ALPN as AWS
 * IoT Core's port 443 has it) that forwards the decrypted MQTT to the test broker.
 */
class TlsConnectionTest {
    private TestCloud cloud;
    private MqttTap tap;
    private Harness harness;

    @BeforeEach
    void startCloud() throws Exception {
        cloud = TestCloud.start();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (tap != null) {
            tap.close();
        }
        cloud.close();
    }

    private static SSLContext server(String certificate, String key) throws Exception {
        return TlsContexts.create(new TlsSettings(tls(certificate), tls(key), Secret.NONE, tls("ca.pem"), null));
    }

    private void listen(String certificate, String key, String... alpn) throws Exception {
        tap = MqttTap.tls(cloud.port(), server(certificate, key), alpn);
    }

    private Map<String, Object> client(String certificate, String key) {
        Map<String, Object> values = new HashMap<>();
        values.put("endpoint", "ssl://localhost:" + tap.port());
        values.put("clientId", "gateway-tls");
        values.put("certificatePath", tls(certificate).toString());
        values.put("privateKeyPath", tls(key).toString());
        values.put("caPath", tls("ca.pem").toString());
        values.put("reconnectInitialDelayMillis", 50);
        values.put("reconnectMaxDelayMillis", 300);
        values.put("connectTimeoutSeconds", 5);
        return values;
    }

    @Test
    void anAwsStyleCertificateAndPkcs1KeyConnectWithAlpnAndServeRequests() throws Exception {
        listen("server-localhost.pem", "server-localhost.key", "x-amzn-mqtt-ca");
        Map<String, Object> values = client("client-rsa.pem", "client-rsa-pkcs1.key");
        values.put("alpnProtocol", "x-amzn-mqtt-ca");
        RecordingSockets sockets = new RecordingSockets();

        harness = Harness.started(options(values), sockets).awaitState(ConnectionState.CONNECTED);

        MqttTap.Handshake handshake = tap.handshakes().get(0);
        assertTrue(handshake.ok());
        assertEquals("x-amzn-mqtt-ca", handshake.alpn());
        assertEquals("CN=edgejobs-gateway-test", handshake.clientSubject());
        assertEquals("d1", harness.client.forward(new GetPendingJobExecutionsRequest("t1", "d1"),
                AnswerReader.GET_PENDING).get(10, TimeUnit.SECONDS).clientToken());
        Socket used = sockets.sockets.get(0);
        SSLSocket ssl = assertInstanceOf(SSLSocket.class, used);
        assertTrue(used.getTcpNoDelay());
        assertEquals("x-amzn-mqtt-ca", ssl.getApplicationProtocol());
        assertTrue(ssl.getSession().getProtocol().equals("TLSv1.3") || ssl.getSession().getProtocol().equals("TLSv1.2"));
    }

    @Test
    void withoutAlpnConfiguredOnAPortOtherThan443NoProtocolIsOffered() throws Exception {
        listen("server-localhost.pem", "server-localhost.key", "x-amzn-mqtt-ca");

        harness = Harness.started(options(client("client-rsa.pem", "client-rsa-pkcs8.key")))
                .awaitState(ConnectionState.CONNECTED);

        assertEquals("", tap.handshakes().get(0).alpn());
    }

    @Test
    void anEcCertificateWithItsSec1KeyConnects() throws Exception {
        listen("server-localhost.pem", "server-localhost.key");

        harness = Harness.started(options(client("client-ec.pem", "client-ec-sec1.key")))
                .awaitState(ConnectionState.CONNECTED);

        assertEquals("CN=edgejobs-gateway-test-ec", tap.handshakes().get(0).clientSubject());
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() throws Exception {
        listen("server-wrong-host.pem", "server-wrong-host.key");

        try (LogCapture logs = new LogCapture()) {
            harness = Harness.started(options(client("client-rsa.pem", "client-rsa-pkcs1.key")));
            await().atMost(Duration.ofSeconds(10)).until(() -> tap.handshakes().size() >= 2);

            assertFalse(harness.listener.states.contains(ConnectionState.CONNECTED));
            assertFalse(tap.handshakes().get(0).ok());
            assertTrue(logs.text().contains("No subject alternative DNS name matching localhost"), logs.text());
        }
        assertTrue(cloud.connects() == 0);
    }

    @Test
    void aServerSignedByAnotherCaIsRefused() throws Exception {
        listen("server-localhost.pem", "server-localhost.key");
        Map<String, Object> values = client("client-rsa.pem", "client-rsa-pkcs1.key");
        values.put("caPath", tls("other-ca.pem").toString());

        harness = Harness.started(options(values));
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.handshakes().size() >= 2);

        assertFalse(harness.listener.states.contains(ConnectionState.CONNECTED));
        assertEquals(0, cloud.connects());
    }

    @Test
    void anEncryptedKeyIsUsedWithItsPasswordAndThePasswordNeverAppearsInTheLogs() throws Exception {
        listen("server-localhost.pem", "server-localhost.key");
        Map<String, Object> values = client("client-rsa.pem", "client-rsa-pkcs8-encrypted.key");
        values.put("privateKeyPassword", KEY_PASSWORD);

        try (LogCapture logs = new LogCapture()) {
            UpstreamComponent component = new UpstreamComponent();
            component.activate(TestConfigs.config(values), (service, properties) -> new ServiceRegistrar.Registration() {
                @Override
                public void update(java.util.Dictionary<String, Object> p) {
                }

                @Override
                public void unregister() {
                }
            });
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> component.state() == ConnectionState.CONNECTED);
                component.getPendingJobExecutions(new GetPendingJobExecutionsRequest("t1", "d1"))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                // a wrong password is reported too, still without any password in the log
                values.put("privateKeyPassword", "Wrong-" + KEY_PASSWORD);
                component.modified(TestConfigs.config(values));
                await().atMost(Duration.ofSeconds(10)).until(() -> logs.text().contains("cannot decrypt"));
            } finally {
                component.deactivate();
            }
            String text = logs.text();
            assertTrue(text.contains("upstream: configured"), "the options were logged");
            assertTrue(text.contains("privateKeyPassword=(set)"), text);
            assertFalse(text.contains(KEY_PASSWORD), "the key password appeared in the logs");
            assertFalse(text.contains("BEGIN"), "key material appeared in the logs");
        }
    }

    @Test
    void missingFilesAreReportedAsConnectionTroubleNotThrown() throws Exception {
        listen("server-localhost.pem", "server-localhost.key");
        Map<String, Object> values = client("client-rsa.pem", "client-rsa-pkcs1.key");
        values.put("certificatePath", "/nonexistent/gateway.pem.crt");

        try (LogCapture logs = new LogCapture()) {
            harness = Harness.started(options(values));
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.client.state() == ConnectionState.BACKING_OFF);

            assertTrue(logs.text().contains("client certificate file /nonexistent/gateway.pem.crt cannot be read"),
                    logs.text());
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsReportedBeforeConnecting() throws Exception {
        listen("server-localhost.pem", "server-localhost.key");

        try (LogCapture logs = new LogCapture()) {
            harness = Harness.started(options(client("client-rsa.pem", "client-ec-pkcs8.key")));
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.text().contains("does not belong to certificate"));
        }
        assertTrue(tap.handshakes().isEmpty());
    }
}
