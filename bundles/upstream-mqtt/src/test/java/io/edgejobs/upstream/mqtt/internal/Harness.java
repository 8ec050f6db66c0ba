package io.edgejobs.upstream.mqtt.internal;

import static org.awaitility.Awaitility.await;

import io.edgejobs.api.upstream.ConnectionState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One UpstreamClient with its events thread and a recording listener, as the component wires them. */
final class Harness implements AutoCloseable {
    final List<ConnectionState> publishedStates = new CopyOnWriteArrayList<>();
    final RecordingListener listener = new RecordingListener();
    final UpstreamEvents events = new UpstreamEvents("test", publishedStates::add);
    final UpstreamClient client;

    private Harness(UpstreamOptions options, SocketFactorySource sockets) {
        events.addListener(listener);
        client = new UpstreamClient(options, sockets, events);
    }

    static Harness started(UpstreamOptions options) {
        return started(options, SocketFactorySource.STANDARD);
    }

    static Harness started(UpstreamOptions options, SocketFactorySource sockets) {
        Harness harness = new Harness(options, sockets);
        harness.client.start();
        return harness;
    }

    Harness awaitState(ConnectionState state) {
        await().atMost(Duration.ofSeconds(15)).until(() -> client.state() == state);
        return this;
    }

    @Override
    public void close() {
        client.close();
        events.close();
    }
}
