package io.edgejobs.upstream.mqtt.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TCP proxy on loopback between the client under test and the test broker that reads the MQTT packets the
 * client sends (SUBSCRIBE filter lists, PUBLISH topics and times) and the times of the PUBLISH packets the broker
 * delivers to the client, can cut every connection at once, and can
 * terminate TLS itself (client certificate required, optionally an ALPN protocol), the way AWS IoT Core's
 * endpoint would.
 */
final class MqttTap implements AutoCloseable {
    static final int PUBLISH = 3;
    static final int SUBSCRIBE = 8;

    /** One packet from the client. */
    record Packet(int type, long nanos, List<String> filters, String topic) {
    }

    /** The outcome of one TLS handshake with a client. */
    record Handshake(boolean ok, String alpn, String clientSubject, String failure) {
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Packet> packets = new CopyOnWriteArrayList<>();
    private final List<Long> deliveredPublishes = new CopyOnWriteArrayList<>();
    private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private MqttTap(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "mqtt-tap-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A plain proxy to the broker on {@code targetPort}. */
    static MqttTap plain(int targetPort) throws IOException {
        return new MqttTap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
    }

    /**
     * A TLS-terminating proxy.
     *
     * @param alpn the ALPN protocols the server accepts; empty for none
     */
    static MqttTap tls(int targetPort, SSLContext serverContext, String... alpn) throws IOException {
        SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        parameters.setNeedClientAuth(true);
        parameters.setApplicationProtocols(alpn);
        server.setSSLParameters(parameters);
        return new MqttTap(server, targetPort);
    }

    int port() {
        return listener.getLocalPort();
    }

    List<Packet> packets() {
        return List.copyOf(packets);
    }

    List<Handshake> handshakes() {
        return List.copyOf(handshakes);
    }

    /** The filter lists of the SUBSCRIBE packets, in order. */
    List<List<String>> subscribes() {
        return packets.stream().filter(p -> p.type() == SUBSCRIBE).map(Packet::filters).toList();
    }

    /** The arrival times of the client's PUBLISH packets. */
    List<Long> publishTimes() {
        return packets.stream().filter(p -> p.type() == PUBLISH).map(Packet::nanos).toList();
    }

    /** The times the client's PUBLISH packets and the broker's PUBLISH packets to the client passed the tap. */
    List<Long> publishTimesBothWays() {
        List<Long> all = new ArrayList<>(publishTimes());
        all.addAll(deliveredPublishes);
        all.sort(null);
        return all;
    }

    /** Cuts every open connection (as a network failure would). */
    void dropAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> serve(client), "mqtt-tap-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client) {
        open.add(client);
        try {
            client.setTcpNoDelay(true);
            if (client instanceof SSLSocket ssl) {
                try {
                    ssl.startHandshake();
                    X509Certificate peer = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
                    handshakes.add(new Handshake(true, ssl.getApplicationProtocol(),
                            peer.getSubjectX500Principal().getName(), null));
                } catch (IOException e) {
                    handshakes.add(new Handshake(false, null, null, e.toString()));
                    closeQuietly(client);
                    return;
                }
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            upstream.setTcpNoDelay(true);
            open.add(upstream);
            Thread back = new Thread(() -> relayDown(upstream, client), "mqtt-tap-down");
            back.setDaemon(true);
            back.start();
            readPackets(client.getInputStream(), upstream.getOutputStream(), this::record);
        } catch (IOException e) {
            // the connection ended
        } finally {
            closeQuietly(client);
        }
    }

    private interface PacketSink {
        void accept(int type, byte[] body);
    }

    private void readPackets(InputStream in, OutputStream out, PacketSink sink) throws IOException {
        DataInputStream data = new DataInputStream(in);
        while (true) {
            int header;
            try {
                header = data.readUnsignedByte();
            } catch (EOFException e) {
                return;
            }
            List<Integer> lengthBytes = new ArrayList<>();
            int length = 0;
            int multiplier = 1;
            int b;
            do {
                b = data.readUnsignedByte();
                lengthBytes.add(b);
                length += (b & 0x7f) * multiplier;
                multiplier *= 128;
            } while ((b & 0x80) != 0);
            byte[] body = new byte[length];
            data.readFully(body);
            sink.accept(header >> 4, body);
            byte[] packet = new byte[1 + lengthBytes.size() + length];
            packet[0] = (byte) header;
            for (int i = 0; i < lengthBytes.size(); i++) {
                packet[1 + i] = (byte) (int) lengthBytes.get(i);
            }
            System.arraycopy(body, 0, packet, 1 + lengthBytes.size(), length);
            out.write(packet);
            out.flush();
        }
    }

    private void record(int type, byte[] body) {
        long now = System.nanoTime();
        if (type == SUBSCRIBE) {
            List<String> filters = new ArrayList<>();
            int i = 2; // packet id
            while (i < body.length) {
                int n = ((body[i] & 0xff) << 8) | (body[i + 1] & 0xff);
                filters.add(new String(body, i + 2, n, StandardCharsets.UTF_8));
                i += 2 + n + 1; // + requested QoS
            }
            packets.add(new Packet(type, now, List.copyOf(filters), null));
        } else if (type == PUBLISH) {
            int n = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
            packets.add(new Packet(type, now, List.of(), new String(body, 2, n, StandardCharsets.UTF_8)));
        } else {
            packets.add(new Packet(type, now, List.of(), null));
        }
    }

    private void relayDown(Socket from, Socket to) {
        try {
            readPackets(from.getInputStream(), to.getOutputStream(), (type, body) -> {
                if (type == PUBLISH) {
                    deliveredPublishes.add(System.nanoTime());
                }
            });
        } catch (IOException e) {
            // the connection ended
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // nothing to do
        }
        dropAll();
    }
}
