package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.plain;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.wire.MqttJobsCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconnectTest {
    private TestCloud cloud;
    private Harness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void aStoppedBrokerIsRetriedWithGrowingJitteredDelaysAndOnRestartTheConnectionResubscribesAndServes()
            throws Exception {
        cloud = TestCloud.start();
        List<Long> attempts = new CopyOnWriteArrayList<>();
        SocketFactorySource counting = o -> {
            attempts.add(System.nanoTime());
            return SocketFactorySource.STANDARD.create(o);
        };
        Map<String, Object> values = plain(cloud.port(), "gateway-reconnect");
        values.put("reconnectInitialDelayMillis", 100);
        values.put("reconnectMaxDelayMillis", 400);
        harness = Harness.started(options(values), counting).awaitState(ConnectionState.CONNECTED);
        assertEquals(1, cloud.subscribeRequests().stream().filter(f -> f.equals("$aws/things/+/jobs/notify-next"))
                .count());

        cloud.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() >= 12);
        cloud.restart();
        harness.awaitState(ConnectionState.CONNECTED);

        // attempt n waits at most min(400, 100 * 2^n) ms (plus scheduling slack), never a fixed rhythm
        List<Long> gaps = new ArrayList<>();
        for (int i = 2; i < 12; i++) {
            gaps.add((attempts.get(i) - attempts.get(i - 1)) / 1_000_000);
        }
        for (long gap : gaps) {
            assertTrue(gap <= 400 + 300, "gap " + gap + " ms exceeds the maximum delay: " + gaps);
        }
        assertTrue(gaps.stream().distinct().count() > 3, "delays are jittered: " + gaps);
        assertTrue(harness.listener.states.contains(ConnectionState.BACKING_OFF));
        // re-subscribed on the new connection (clean session)
        assertEquals(2, cloud.subscribeRequests().stream().filter(f -> f.equals("$aws/things/+/jobs/notify-next"))
                .count());
        assertEquals("d1", harness.client.forward(new GetPendingJobExecutionsRequest("t1", "d1"),
                AnswerReader.GET_PENDING).get(10, TimeUnit.SECONDS).clientToken());
        // and notifications flow again
        cloud.publish(JobsTopics.notifyNext("t1"), new MqttJobsCodec().encodeNotification(
                new NextJobExecutionChangedEvent(null, TestCloud.NOW)));
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.listener.notifyNexts.size() == 1);
    }

    @Test
    void theStatesGoThroughConnectingBackingOffAndConnectedAndAreReportedInOrder() throws Exception {
        cloud = TestCloud.start();
        int port = cloud.port();
        cloud.stop();
        Map<String, Object> values = plain(port, "gateway-states");
        harness = Harness.started(options(values));
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.listener.states.contains(ConnectionState.BACKING_OFF));

        cloud.restart();
        harness.awaitState(ConnectionState.CONNECTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.listener.states.contains(ConnectionState.CONNECTED));

        List<ConnectionState> states = harness.listener.states;
        assertEquals(ConnectionState.DISCONNECTED, states.get(0), "a new listener learns the current state");
        assertEquals(ConnectionState.CONNECTING, states.get(1));
        assertEquals(ConnectionState.BACKING_OFF, states.get(2));
        assertEquals(ConnectionState.CONNECTED, states.get(states.size() - 1));
        for (int i = 1; i < states.size(); i++) {
            assertTrue(states.get(i) != states.get(i - 1), "no repeated state: " + states);
        }
        assertEquals(states.subList(1, states.size()), harness.publishedStates);
    }

    @Test
    void aServerThatAcceptsTcpButNeverAnswersIsAbandonedWithinTheConnectBound() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, Object> values = plain(silent.getLocalPort(), "gateway-silent");
            values.put("connectTimeoutSeconds", 1);
            harness = Harness.started(options(values));

            // connect timeout 1 s: Paho or the attempt watchdog (2 x 1 s + 1 s) gives up, then it tries again
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() >= 2);
            assertTrue(harness.listener.states.contains(ConnectionState.BACKING_OFF));
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }
}
