package io.edgejobs.broker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol violations a well-behaved client library never produces, sent as raw bytes. */
class RawProtocolTest {

    private final RecordingHandler handler = new RecordingHandler();
    private MoquetteMqttServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServers.start(TestServers.options("raw").withAllowAnonymous(true), handler);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    private static byte[] string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new byte[] {(byte) (bytes.length >> 8), (byte) bytes.length};
    }

    private static byte[] packet(int header, byte[]... parts) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.write(part);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        packet.write(body.size()); // all packets here are shorter than 128 bytes
        body.writeTo(packet);
        return packet.toByteArray();
    }

    private static byte[] connect(String clientId) throws IOException {
        return packet(0x10, string("MQTT"), "MQTT".getBytes(StandardCharsets.UTF_8),
            new byte[] {4, 0x02, 0, 30}, string(clientId), clientId.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] publishQos0(String topic, String payload) throws IOException {
        return packet(0x30, string(topic), topic.getBytes(StandardCharsets.UTF_8),
            payload.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return true;
            }
        }
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.boundPort());
        socket.setSoTimeout(5_000);
        return socket;
    }

    @Test
    void givenAPublishBeforeConnect_thenTheConnectionIsClosedAndNothingDelivered() throws Exception {
        try (Socket socket = open()) {
            socket.getOutputStream().write(publishQos0("$aws/things/t/jobs/get", "{}"));

            assertTrue(closedByServer(socket));
            assertEquals(0, handler.events.size());
        }
    }

    @Test
    void givenASecondConnectOnTheSameConnection_thenTheConnectionIsClosed() throws Exception {
        try (Socket socket = open()) {
            socket.getOutputStream().write(connect("thing-1"));
            byte[] connAck = socket.getInputStream().readNBytes(4);
            assertArrayEquals(new byte[] {0x20, 2, 0, 0}, connAck);

            socket.getOutputStream().write(connect("thing-1"));

            assertTrue(closedByServer(socket));
        }
    }

    @Test
    void givenAPublishWithAWildcardTopic_thenTheConnectionIsClosedAndNothingDelivered() throws Exception {
        try (Socket socket = open()) {
            socket.getOutputStream().write(connect("thing-1"));
            assertArrayEquals(new byte[] {0x20, 2, 0, 0}, socket.getInputStream().readNBytes(4));

            socket.getOutputStream().write(publishQos0("things/+/x", "{}"));

            assertTrue(closedByServer(socket));
            assertEquals(0, handler.ofType("publish").size());
        }
    }
}
