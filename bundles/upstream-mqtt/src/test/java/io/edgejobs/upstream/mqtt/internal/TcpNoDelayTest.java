package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.plain;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.upstream.ConnectionState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class TcpNoDelayTest {

    @Test
    void aPlainSocketAsPahoMakesItHasNagleOn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket()) {
            socket.connect(server.getLocalSocketAddress());

            assertFalse(socket.getTcpNoDelay(), "the JDK default this factory exists to change");
        }
    }

    @Test
    void thePlainFactorySetsTcpNoDelayOnUnconnectedAndConnectedSockets() throws Exception {
        NoDelaySocketFactory factory = new NoDelaySocketFactory();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Socket unconnected = factory.createSocket();
                Socket connected = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            unconnected.connect(server.getLocalSocketAddress(), 1000); // what Paho does

            assertTrue(unconnected.getTcpNoDelay());
            assertTrue(connected.getTcpNoDelay());
        }
    }

    @Test
    void theTlsFactorySetsTcpNoDelayOnItsSocketsAndOnLayeredOnes() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        AwsIotSocketFactory factory = new AwsIotSocketFactory(context, new TlsPolicy(null));
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Socket unconnected = factory.createSocket();
                Socket plain = new Socket()) {
            unconnected.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 1000);
            plain.connect(server.getLocalSocketAddress());
            Socket layered = factory.createSocket(plain, "localhost", server.getLocalPort(), true);

            assertInstanceOf(PolicySslSocket.class, unconnected);
            assertTrue(unconnected.getTcpNoDelay());
            assertTrue(plain.getTcpNoDelay());
            assertTrue(layered.getTcpNoDelay());
            layered.close();
        }
    }

    @Test
    void theSocketsPahoActuallyUsesForTheUpstreamConnectionHaveTcpNoDelay() throws Exception {
        RecordingSockets sockets = new RecordingSockets();
        try (TestCloud cloud = TestCloud.start();
                Harness harness = Harness.started(options(plain(cloud.port(), "gateway-nodelay")), sockets)) {
            harness.awaitState(ConnectionState.CONNECTED);

            assertFalse(sockets.sockets.isEmpty());
            for (Socket socket : sockets.sockets) {
                assertTrue(socket.isConnected());
                assertTrue(socket.getTcpNoDelay(), socket.toString());
            }
        }
    }
}
