package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    /**
     * Every live thread: a server owns mqtt-NAME-accept/io/handler/sweeper, Moquette's "Session Executor N" loops and
     * its interceptor pool thread ("pool-N-thread-M"); all must be gone after close.
     */
    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(t -> t.getName() + "#" + t.getId())
            .collect(Collectors.toSet());
    }

    private static Set<String> startedSince(Set<String> before) {
        Set<String> now = new java.util.HashSet<>(liveThreads());
        now.removeAll(before);
        return now;
    }

    private static void assertPortFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void givenPortZero_whenStarted_thenTheBoundPortIsReportedImmediately() throws Exception {
        try (MoquetteMqttServer server = TestServers.start("life", new RecordingHandler())) {
            assertTrue(server.boundPort() > 0);
            try (TestClient client = TestClient.connect(server.boundPort(), "thing-1")) {
                assertTrue(client.paho.isConnected());
            }
        }
    }

    @Test
    void givenAServer_whenStartedAndStoppedTwiceOnTheSamePort_thenNoThreadsAndNoPortAreLeft() throws Exception {
        Set<String> before = liveThreads();
        int port;
        RecordingHandler first = new RecordingHandler();
        try (MoquetteMqttServer server = TestServers.start("life", first);
             TestClient client = TestClient.connect(server.boundPort(), "thing-1")) {
            port = server.boundPort();
            client.publish("things/thing-1/x", "1", 1);
            await().until(() -> first.publishesOf("thing-1").size() == 1);
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertEquals(Set.of(), startedSince(before)));
        assertPortFree(port);
        assertEquals(List.of("connect", "publish", "disconnect"), first.typesOf("thing-1"));

        RecordingHandler second = new RecordingHandler();
        MoquetteMqttServer again = TestServers.start(TestServers.options("life").withPort(port), second);
        try (TestClient client = TestClient.connect(port, "thing-1")) {
            assertEquals(port, again.boundPort());
            client.publish("things/thing-1/x", "2", 1);
            await().until(() -> second.publishesOf("thing-1").size() == 1);
        } finally {
            again.close();
        }
        again.close();
        await().pollInSameThread().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertEquals(Set.of(), startedSince(before)));
        assertPortFree(port);
    }

    @Test
    void givenAConnectedClient_whenTheServerCloses_thenTheClientIsDisconnectedAndOnDisconnectDelivered()
        throws Exception {
        RecordingHandler handler = new RecordingHandler();
        MoquetteMqttServer server = TestServers.start("life", handler);
        try (TestClient client = TestClient.connect(server.boundPort(), "thing-1")) {
            await().until(() -> handler.ofType("connect").size() == 1);

            server.close();

            assertEquals(List.of("connect", "disconnect"), handler.typesOf("thing-1"));
            await().until(() -> client.connectionLost != null);
            assertEquals(0, server.publish("a/b", new byte[0], 0, false));
        }
    }

    @Test
    void givenAPortInUse_whenStarting_thenIOExceptionAndNothingLeftRunning() throws Exception {
        Set<String> before = liveThreads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {

            IOException failure = assertThrows(IOException.class, () -> TestServers.start(
                TestServers.options("busy").withPort(taken.getLocalPort()), new RecordingHandler()));

            assertTrue(failure.getMessage().contains(Integer.toString(taken.getLocalPort())), failure.getMessage());
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertEquals(Set.of(), startedSince(before)));
    }
}
