package io.edgejobs.itest;

import static io.edgejobs.itest.DistributionOptions.distribution;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.edgejobs.api.mqtt.MqttServer;
import io.edgejobs.api.mqtt.MqttServerFactory;
import io.edgejobs.api.mqtt.MqttServerHandler;
import io.edgejobs.api.mqtt.MqttServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The broker bundle's MqttServerFactory in the assembled runtime: Netty (real bundles) and the inlined Moquette
 * answer an MQTT 3.1.1 CONNECT on loopback. A smoke test of the wiring; the broker's behaviour is tested in its
 * own module.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrokerTest {

    private static final byte[] CONNACK_ACCEPTED = {0x20, 0x02, 0x00, 0x00};
    private static final byte[] CONNACK_BAD_CREDENTIALS = {0x20, 0x02, 0x00, 0x04};

    @Inject
    private MqttServerFactory factory;

    @Configuration
    public Option[] configuration() {
        return new Option[] {distribution()};
    }

    @Test
    public void aListenerOnAnEphemeralLoopbackPortAcceptsAndRefusesConnects() throws Exception {
        // given a listener whose handler accepts one device
        CompletableFuture<String> connected = new CompletableFuture<>();
        MqttServerHandler handler = new MqttServerHandler() {
            @Override
            public boolean authenticate(String clientId, String username, byte[] password) {
                return "device".equals(username) && Arrays.equals("secret".getBytes(StandardCharsets.UTF_8), password);
            }

            @Override
            public boolean authorizePublish(String clientId, String username, String topic) {
                return false;
            }

            @Override
            public boolean authorizeSubscribe(String clientId, String username, String topicFilter) {
                return false;
            }

            @Override
            public void onConnect(String clientId, String username) {
                connected.complete(clientId);
            }

            @Override
            public void onPublish(String clientId, String username, String topic, byte[] payload) {
                // nothing is published in this test
            }
        };
        MqttServer server = factory.start(MqttServerOptions.defaults("itest", 0), handler);
        try {
            int port = server.boundPort();
            assertTrue("bound port " + port, port > 0);

            // when the device connects with its credentials, then CONNACK accepted and onConnect
            assertArrayEquals(CONNACK_ACCEPTED, connect(port, "press-7", "device", "secret"));
            assertEquals("press-7", connected.get(10, TimeUnit.SECONDS));

            // when someone connects with a wrong password, then CONNACK 0x04
            assertArrayEquals(CONNACK_BAD_CREDENTIALS, connect(port, "intruder", "device", "guess"));
        } finally {
            server.close();
        }
    }

    /** Sends an MQTT 3.1.1 CONNECT (clean session, user name and password) and returns the 4-byte answer. */
    private static byte[] connect(int port, String clientId, String username, String password) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, (byte) 0xC2, 0x00, 0x3C});
        for (String field : new String[] {clientId, username, password}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            body.write(bytes.length >> 8);
            body.write(bytes.length & 0xFF);
            body.write(bytes);
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(0x10);
            out.write(body.size()); // < 128: one length byte
            body.writeTo(out);
            out.flush();
            byte[] answer = new byte[4];
            new DataInputStream(socket.getInputStream()).readFully(answer);
            return answer;
        }
    }
}
