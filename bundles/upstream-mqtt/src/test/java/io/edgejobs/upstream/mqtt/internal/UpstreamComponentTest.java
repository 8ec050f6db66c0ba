package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.RequestForwardingTest.failure;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.config;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.plain;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamListener;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamComponentTest {
    private TestCloud cloud;
    private final RecordingRegistrar registrar = new RecordingRegistrar();
    private final UpstreamComponent component = new UpstreamComponent();

    /** Stands in for the bundle context: keeps the registered service and every property set it got. */
    static final class RecordingRegistrar implements ServiceRegistrar {
        final List<String> states = new CopyOnWriteArrayList<>();
        volatile UpstreamConnection service;
        volatile Dictionary<String, Object> properties;
        volatile boolean unregistered;

        @Override
        public Registration register(UpstreamConnection registered, Dictionary<String, Object> initial) {
            service = registered;
            record(initial);
            return new Registration() {
                @Override
                public void update(Dictionary<String, Object> next) {
                    record(next);
                }

                @Override
                public void unregister() {
                    unregistered = true;
                }
            };
        }

        private void record(Dictionary<String, Object> next) {
            properties = next;
            states.add((String) next.get(UpstreamConnection.STATE_PROPERTY));
        }
    }

    @BeforeEach
    void startCloud() throws Exception {
        cloud = TestCloud.start();
    }

    @AfterEach
    void stop() {
        if (registrar.service != null && !registrar.unregistered) {
            component.deactivate();
        }
        cloud.close();
    }

    @Test
    void theServiceIsRegisteredAtOnceAndItsStatePropertyFollowsTheConnection() {
        component.activate(config(plain(cloud.port(), "gateway-component")), registrar);

        assertSame(component, registrar.service);
        assertEquals("DISCONNECTED", registrar.states.get(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONNECTED".equals(
                registrar.properties.get(UpstreamConnection.STATE_PROPERTY)));
        assertEquals(List.of("DISCONNECTED", "CONNECTING", "CONNECTED"), registrar.states);
        assertEquals("gateway-component", registrar.properties.get("edgejobs.upstream.clientId"));
        assertEquals("tcp://127.0.0.1:" + cloud.port(), registrar.properties.get("edgejobs.upstream.endpoint"));

        cloud.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> "BACKING_OFF".equals(
                registrar.properties.get(UpstreamConnection.STATE_PROPERTY)));
        // the reconnect delay is 50 ms here: by now the component may already be trying again
        assertTrue(List.of(ConnectionState.BACKING_OFF, ConnectionState.CONNECTING).contains(component.state()),
                component.state().toString());
    }

    @Test
    void anUnreachableCloudDoesNotStopActivation() {
        int port = cloud.port();
        cloud.stop();

        component.activate(config(plain(port, "gateway-unreachable")), registrar);

        await().atMost(Duration.ofSeconds(5)).until(() -> component.state() == ConnectionState.BACKING_OFF);
        assertTrue(failure(component.getPendingJobExecutions(new GetPendingJobExecutionsRequest("t", "d"))
                .toCompletableFuture(), UpstreamUnavailableException.class).getMessage().contains("BACKING_OFF"));
    }

    @Test
    void aBadConfigurationStopsActivationWithTheReasonAndRegistersNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> component.activate(config(Map.of("endpoint", "tcp://127.0.0.1:1", "clientId", "")), registrar));

        assertTrue(e.getMessage().startsWith("clientId"), e.getMessage());
        assertEquals(null, registrar.service);
    }

    @Test
    void aDisabledConnectionIsRegisteredDisconnectedAndFailsFast() {
        component.activate(config(Map.of("enabled", false)), registrar);

        assertEquals(ConnectionState.DISCONNECTED, component.state());
        assertEquals("DISCONNECTED", registrar.properties.get(UpstreamConnection.STATE_PROPERTY));
        assertTrue(component.getPendingJobExecutions(new GetPendingJobExecutionsRequest("t", "d"))
                .toCompletableFuture().isCompletedExceptionally());
        assertEquals(0, cloud.connects());
    }

    @Test
    void listenersLearnTheCurrentStateAndEveryChangeAndAThrowingOneHarmsNoOther() {
        UpstreamListener broken = new RecordingListener() {
            @Override
            public void connectionStateChanged(ConnectionState state) {
                throw new IllegalStateException("listener bug");
            }
        };
        RecordingListener listener = new RecordingListener();
        component.addListener(broken);
        component.activate(config(plain(cloud.port(), "gateway-listeners")), registrar);
        component.addListener(listener);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.states.contains(ConnectionState.CONNECTED));
        assertTrue(listener.threads.stream().allMatch(t -> t.startsWith("edgejobs-upstream-events-")));

        component.removeListener(listener);
        cloud.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> component.state() == ConnectionState.BACKING_OFF);
        assertTrue(!listener.states.contains(ConnectionState.BACKING_OFF) || listener.states.indexOf(
                ConnectionState.BACKING_OFF) < listener.states.indexOf(ConnectionState.CONNECTED));
    }

    @Test
    void deactivationUnregistersClosesAndFailsWhatIsInFlight() {
        component.activate(config(plain(cloud.port(), "gateway-deactivate")), registrar);
        RecordingListener listener = new RecordingListener();
        component.addListener(listener);
        await().atMost(Duration.ofSeconds(10)).until(() -> component.state() == ConnectionState.CONNECTED);
        cloud.behave(r -> TestCloud.Action.DROP);
        CompletableFuture<GetPendingJobExecutionsResponse> inFlight = component.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest("t", "d")).toCompletableFuture();
        await().atMost(Duration.ofSeconds(5)).until(() -> cloud.received().size() == 1);

        component.deactivate();

        assertTrue(registrar.unregistered);
        failure(inFlight, UpstreamTimeoutException.class);
        assertEquals(ConnectionState.DISCONNECTED, listener.states.get(listener.states.size() - 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> cloud.server().connectedClientIds().isEmpty());
        // no thread of the connection (its own, the events thread, Paho's) outlives it
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .noneMatch(n -> n.contains("gateway-deactivate") || n.startsWith("edgejobs-upstream-events")));
    }

    @Test
    void aNewConfigurationReplacesTheConnectionAndKeepsTheWatchedThings() throws Exception {
        Map<String, Object> values = plain(cloud.port(), "gateway-modified");
        values.put("wildcardSubscriptions", false);
        component.activate(config(values), registrar);
        await().atMost(Duration.ofSeconds(10)).until(() -> component.state() == ConnectionState.CONNECTED);
        component.watchThings(List.of("pump-1", "pump-2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> cloud.subscribeRequests().contains("$aws/things/pump-2/jobs/#"));
        UpstreamClient first = component.client();

        values.put("clientId", "gateway-modified-2");
        component.modified(config(values));

        assertNotSame(first, component.client());
        await().atMost(Duration.ofSeconds(10)).until(() -> component.state() == ConnectionState.CONNECTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> cloud.subscribeRequests().stream()
                .filter(f -> f.equals("$aws/things/pump-2/jobs/#")).count() == 2);
        assertEquals("gateway-modified-2", registrar.properties.get("edgejobs.upstream.clientId"));
        assertEquals("d", component.getPendingJobExecutions(new GetPendingJobExecutionsRequest("pump-1", "d"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS).clientToken());
        assertEquals(Set.of("gateway-modified-2"), cloud.server().connectedClientIds());
    }

    @Test
    void aRejectedNewConfigurationLeavesTheRunningConnectionAlone() {
        component.activate(config(plain(cloud.port(), "gateway-keep")), registrar);
        await().atMost(Duration.ofSeconds(10)).until(() -> component.state() == ConnectionState.CONNECTED);
        UpstreamClient running = component.client();

        component.modified(config(Map.of("endpoint", "", "clientId", "x")));

        assertSame(running, component.client());
        assertEquals(ConnectionState.CONNECTED, component.state());
    }
}
