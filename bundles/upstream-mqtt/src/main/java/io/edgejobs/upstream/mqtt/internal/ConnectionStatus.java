package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.upstream.ConnectionState;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one connection stands, shared by the parts that run on its {@link ConnectionThread}: the state (readable
 * from any thread, changed on the connection thread and told to the events thread), whether it is closed, the
 * Paho client, and the session number. The session number grows with every attempt and every loss, so that a
 * late Paho report about an earlier attempt (CONNACK, SUBACK, PUBACK) is recognised as stale.
 */
final class ConnectionStatus {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStatus.class);

    private final UpstreamEvents events;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile boolean closed;
    private volatile MqttAsyncClient client;
    private long session; // connection thread only

    ConnectionStatus(UpstreamEvents events) {
        this.events = events;
    }

    ConnectionState state() {
        return state;
    }

    /** Changes the state and tells the events thread (nothing when unchanged). */
    void changeTo(ConnectionState next) {
        if (state == next) {
            return;
        }
        LOG.debug("upstream: state {} -> {}", state, next);
        state = next;
        events.stateChanged(next);
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** The Paho client; null before a successful start. */
    MqttAsyncClient client() {
        return client;
    }

    void client(MqttAsyncClient client) {
        this.client = client;
    }

    /** The current session number (connection thread only). */
    long session() {
        return session;
    }

    /** Starts a new session: whatever is reported for the earlier ones from now on is stale. */
    long nextSession() {
        return ++session;
    }

    /** Whether a report about this session still matters: it is the current one and the connection is open. */
    boolean isCurrent(long id) {
        return id == session && !closed;
    }
}
