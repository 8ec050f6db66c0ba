package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.mqtt.MqttServerOptions;
import io.edgejobs.api.mqtt.MqttTlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TLS listener with real clients: Paho over TLS, and raw JDK sockets for what Paho does not do. */
class TlsListenerTest {

    private static final TestPki PKI = TestPki.get();

    private final RecordingHandler handler = new RecordingHandler();
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();
    private MoquetteMqttServer server;

    @AfterEach
    void close() throws MqttException {
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close(true);
        }
        if (server != null) {
            server.close();
        }
    }

    private static MqttTlsOptions serverOnly() {
        return MqttTlsOptions.serverOnly(0, PKI.server().chainFile(), PKI.server().pkcs1KeyFile());
    }

    private static MqttServerOptions withTls(MqttTlsOptions tls) {
        return TestServers.options("tls").withTls(tls);
    }

    private MqttClient connectOverTls(String clientId, TestPki.Issued certificate) throws Exception {
        MqttClient client = new MqttClient("ssl://127.0.0.1:" + server.tlsBoundPort(), clientId,
            new MemoryPersistence());
        clients.add(client);
        MqttConnectOptions options = TestClient.options(RecordingHandler.USER, RecordingHandler.PASSWORD);
        options.setSocketFactory(PKI.clientContext(certificate).getSocketFactory());
        client.connect(options);
        return client;
    }

    @Test
    void givenServerOnlyTls_whenPahoConnectsOverTls_thenMessagesFlowAndNoClientCertificateIsPassed() throws Exception {
        server = TestServers.start(withTls(serverOnly()), handler);
        List<String> received = new CopyOnWriteArrayList<>();

        MqttClient client = connectOverTls("thing-1", null);
        client.subscribe("things/thing-1/#", 1, (topic, message) -> received.add(new String(message.getPayload(),
            StandardCharsets.UTF_8)));
        client.publish("things/thing-1/hello", "over TLS".getBytes(StandardCharsets.UTF_8), 1, false);

        await().until(() -> received.equals(List.of("over TLS")));
        assertEquals(List.of("none"), handler.certificateSubjects);
        assertTrue(server.boundPort() > 0, "the plain listener runs beside the TLS one by default");
        try (TestClient plain = TestClient.connect(server.boundPort(), "thing-2")) {
            assertTrue(plain.paho.isConnected());
        }
    }

    @Test
    void givenMutualTls_whenADeviceCertificateIsPresented_thenTheHandlerGetsItWithTheConnect() throws Exception {
        server = TestServers.start(withTls(serverOnly().withClientCaFile(PKI.caFile())), handler);

        MqttClient client = connectOverTls("thing-1", PKI.device("thing-1"));

        assertTrue(client.isConnected());
        assertEquals(List.of("CN=thing-1"), handler.certificateSubjects);
        await().until(() -> handler.typesOf("thing-1").equals(List.of("connect")));
    }

    @Test
    void givenMutualTls_whenTheHandlerRefusesTheCertificate_thenTheConnectIsNotAuthorized() throws Exception {
        server = TestServers.start(withTls(serverOnly().withClientCaFile(PKI.caFile())), handler);
        handler.refuseCertificates = true;

        MqttException refused = assertThrows(MqttException.class,
            () -> connectOverTls("thing-1", PKI.device("thing-1")));

        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode());
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void givenMutualTls_whenAClientHasNoCertificate_thenTheHandshakeFailsWithAWarning() throws Exception {
        server = TestServers.start(withTls(serverOnly().withClientCaFile(PKI.caFile())), handler);

        String log;
        try (LogCapture capture = new LogCapture()) {
            assertThrows(MqttException.class, () -> connectOverTls("thing-1", null));
            await().until(() -> capture.text().contains("TLS handshake with"));
            log = capture.text();
        }

        assertTrue(log.contains("failed, connection closed"), log);
        assertTrue(handler.authenticateCalls.isEmpty(), "the CONNECT never reached the handler");
    }

    @Test
    void givenMutualTls_whenTheCertificateIsFromAnotherCa_thenTheHandshakeFails() throws Exception {
        server = TestServers.start(withTls(serverOnly().withClientCaFile(PKI.caFile())), handler);

        assertThrows(MqttException.class, () -> connectOverTls("thing-1", PKI.foreignDevice("thing-1")));

        assertTrue(handler.authenticateCalls.isEmpty());
    }

    @Test
    void givenATlsListener_whenAPlainMqttClientConnectsToIt_thenItIsClosedUnanswered() throws Exception {
        server = TestServers.start(withTls(serverOnly()), handler);

        String log;
        try (LogCapture capture = new LogCapture();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.tlsBoundPort())) {
            socket.setSoTimeout(5_000);
            byte[] connect = {0x10, 0x13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 30, 0, 7,
                't', 'h', 'i', 'n', 'g', '-', '1'};
            socket.getOutputStream().write(connect);
            assertEquals(-1, readUntilClosed(socket.getInputStream()), "no CONNACK, only the close");
            await().until(() -> capture.text().contains("TLS handshake with"));
            log = capture.text();
        }

        assertTrue(log.contains("not a TLS record"), log);
        assertTrue(!log.contains("4d515454"), "the received bytes (MQTT...) were logged");
        assertTrue(handler.authenticateCalls.isEmpty());
    }

    private static int readUntilClosed(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
        } while (b >= 0 && b != 0x20);
        return b;
    }

    @Test
    void givenThePlainListenerDisabled_thenOnlyTheTlsPortIsBound() throws Exception {
        server = TestServers.start(withTls(serverOnly()).withPlainListenerEnabled(false), handler);

        assertEquals(-1, server.boundPort());
        assertTrue(connectOverTls("thing-1", null).isConnected());
    }

    @Test
    void givenAClientOfferingOnlyTls12OrTls13_thenBothAreAccepted() throws Exception {
        server = TestServers.start(withTls(serverOnly().withClientCaFile(PKI.caFile())), handler);

        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket socket = (SSLSocket) PKI.clientContext(PKI.device("thing-1")).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.tlsBoundPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                assertEquals(protocol, socket.getSession().getProtocol());
            }
        }
    }

    @Test
    void givenBrokenTlsFiles_thenTheServerDoesNotStartAndTheMessageNamesTheFile() throws Exception {
        TestPki.Issued device = PKI.device("thing-1");
        MqttTlsOptions keyOfAnotherCertificate =
            MqttTlsOptions.serverOnly(0, PKI.server().chainFile(), device.pkcs8KeyFile());
        MqttTlsOptions missingCa = serverOnly().withClientCaFile(PKI.server().chainFile().resolveSibling("none.pem"));
        MqttTlsOptions certificateAsKey = MqttTlsOptions.serverOnly(0, PKI.server().chainFile(), PKI.caFile());

        IOException wrongKey = assertThrows(IOException.class,
            () -> TestServers.start(withTls(keyOfAnotherCertificate), handler));
        IOException noCa = assertThrows(IOException.class, () -> TestServers.start(withTls(missingCa), handler));
        IOException noKey = assertThrows(IOException.class,
            () -> TestServers.start(withTls(certificateAsKey), handler));

        assertTrue(wrongKey.getMessage().contains("does not belong to certificate " + PKI.server().chainFile()
            + " (CN=localhost)"), wrongKey.getMessage());
        assertTrue(noCa.getMessage().contains("client CA file") && noCa.getMessage().contains("none.pem"),
            noCa.getMessage());
        assertTrue(noKey.getMessage().contains("no PEM private key block"), noKey.getMessage());
    }
}
