package io.edgejobs.broker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An MQTT 3.1.1 client made of raw bytes, for what client libraries never do (vanish without DISCONNECT). */
final class RawMqttSocket implements AutoCloseable {

    private final Socket socket;
    private int nextPacketId = 1;

    private RawMqttSocket(Socket socket) {
        this.socket = socket;
    }

    /** Connects (anonymous, clean session) and reads the CONNACK, which must accept. */
    static RawMqttSocket connect(int port, String clientId) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        RawMqttSocket client = new RawMqttSocket(socket);
        client.send(packet(0x10, string("MQTT"), new byte[] {4, 0x02, 0, 30}, string(clientId)));
        byte[] connAck = client.socket.getInputStream().readNBytes(4);
        if (connAck.length != 4 || connAck[0] != 0x20 || connAck[3] != 0) {
            socket.close();
            throw new IOException("CONNECT of " + clientId + " not accepted");
        }
        return client;
    }

    /** Sends a QoS 1 SUBSCRIBE without waiting for the SUBACK. */
    void subscribe(String filter) throws IOException {
        int id = nextPacketId++;
        send(packet(0x82, new byte[] {(byte) (id >> 8), (byte) id}, string(filter), new byte[] {1}));
    }

    /** Sends an UNSUBSCRIBE without waiting for the UNSUBACK. */
    void unsubscribe(String filter) throws IOException {
        int id = nextPacketId++;
        send(packet(0xA2, new byte[] {(byte) (id >> 8), (byte) id}, string(filter)));
    }

    /** Reads until the SUBACK (type 9) arrives, skipping anything else. */
    void awaitSubAck() throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            int header = in.read();
            if (header < 0) {
                throw new IOException("closed before SUBACK");
            }
            int length = readLength(in);
            in.readNBytes(length);
            if ((header >> 4) == 9) {
                return;
            }
        }
    }

    /** Sends a QoS 1 PUBLISH without waiting for the PUBACK. */
    void publishQos1(String topic, String payload) throws IOException {
        int id = nextPacketId++;
        send(packet(0x32, string(topic), new byte[] {(byte) (id >> 8), (byte) id},
            payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** Vanishes: no DISCONNECT, the socket reset (SO_LINGER 0) so that the server's next write fails. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void send(byte[] packet) throws IOException {
        socket.getOutputStream().write(packet);
        socket.getOutputStream().flush();
    }

    private static int readLength(InputStream in) throws IOException {
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("truncated packet");
            }
            length |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return length;
    }

    private static byte[] string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 2];
        out[0] = (byte) (bytes.length >> 8);
        out[1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 2, bytes.length);
        return out;
    }

    private static byte[] packet(int header, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.size();
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }
}
