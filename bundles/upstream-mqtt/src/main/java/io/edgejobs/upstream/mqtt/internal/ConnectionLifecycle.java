package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.tls.TlsSetupException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one connection, on its {@link ConnectionThread}: attempt (bounded: Paho alone waits for CONNACK
 * forever), subscribe ({@link SessionSubscriptions}), CONNECTED, link lost, backoff with full jitter, the next
 * attempt. Paho's callbacks only hand work over: connection events to the connection thread, incoming messages
 * to the events thread ({@link InboundRouter}). When a session ends, the requests waiting on it fail at once.
 */
final class ConnectionLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLifecycle.class);

    private final UpstreamOptions options;
    private final SocketFactorySource sockets;
    private final UpstreamEvents events;
    private final ConnectionStatus status;
    private final ConnectionThread thread;
    private final SessionSubscriptions subscriptions;
    private final RequestPublisher publisher;
    private final PendingRequests pending;
    private final InboundRouter inbound;
    private final Backoff backoff;
    // connection thread only:
    private long connectedAtNanos;
    private ScheduledFuture<?> nextAttempt;

    ConnectionLifecycle(UpstreamOptions options, SocketFactorySource sockets, UpstreamEvents events,
            ConnectionStatus status, ConnectionThread thread, SessionSubscriptions subscriptions,
            RequestPublisher publisher, PendingRequests pending, InboundRouter inbound) {
        this.options = options;
        this.sockets = sockets;
        this.events = events;
        this.status = status;
        this.thread = thread;
        this.subscriptions = subscriptions;
        this.publisher = publisher;
        this.pending = pending;
        this.inbound = inbound;
        this.backoff = new Backoff(options.reconnectInitialDelay(), options.reconnectMaxDelay(), new Random());
    }

    /**
     * Starts connecting in the background (nothing when disabled).
     *
     * @throws IllegalArgumentException when Paho refuses the endpoint or client id
     */
    void start() {
        if (!options.enabled()) {
            LOG.info("upstream: disabled by configuration; requests fail fast as unavailable");
            return;
        }
        if (options.plainTcp()) {
            LOG.warn("upstream: connecting to {} over PLAIN TCP: no encryption, no server or client "
                    + "authentication. For the local emulator and tests only.", options.endpoint());
        }
        try {
            MqttAsyncClient paho = new MqttAsyncClient(options.endpoint().serverUri(), options.clientId(),
                    new MemoryPersistence());
            paho.setCallback(new Callback());
            status.client(paho);
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint/clientId: refused by the MQTT client: " + e.getMessage(), e);
        }
        thread.execute(this::attempt);
    }

    private void attempt() {
        if (status.closed()) {
            return;
        }
        long id = status.nextSession();
        status.changeTo(ConnectionState.CONNECTING);
        SocketFactory factory;
        try {
            factory = sockets.create(options);
        } catch (TlsSetupException | RuntimeException e) {
            LOG.error("upstream: cannot connect to {} as {}: {}", options.endpoint(), options.clientId(),
                    e.getMessage());
            backOff();
            return;
        }
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connect.setCleanSession(true);
        connect.setAutomaticReconnect(false);
        connect.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        connect.setConnectionTimeout((int) options.connectTimeout().toSeconds());
        connect.setMaxInflight(RequestPublisher.MAX_INFLIGHT);
        connect.setSocketFactory(factory);
        LOG.info("upstream: connecting to {} as {}", options.endpoint(), options.clientId());
        // Paho has no bound on waiting for CONNACK or SUBACK: this one covers the whole attempt.
        try {
            thread.schedule(() -> abandonIfStuck(id), options.connectTimeout().toMillis() * 2 + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return; // closing
        }
        try {
            status.client().connect(connect, null, onThread(id, this::connected, this::connectFailed));
        } catch (MqttException | RuntimeException e) {
            connectFailed(e);
        }
    }

    private void connected() {
        connectedAtNanos = System.nanoTime();
        publisher.sessionStarted();
        LOG.info("upstream: connected to {} as {}; subscribing", options.endpoint(), options.clientId());
        subscriptions.subscribeSession(status.session(), this::ready, this::dropConnection);
    }

    private void ready(int filters) {
        status.changeTo(ConnectionState.CONNECTED);
        LOG.info("upstream: ready on {} as {} ({} subscription filters)", options.endpoint(), options.clientId(),
                filters);
        subscriptions.queueFlush();
    }

    private void connectFailed(Throwable failure) {
        LOG.warn("upstream: connection to {} as {} failed: {}", options.endpoint(), options.clientId(),
                Failures.describe(failure));
        backOff();
    }

    private void abandonIfStuck(long id) {
        if (id != status.session() || status.closed() || status.state() != ConnectionState.CONNECTING) {
            return;
        }
        LOG.warn("upstream: connection attempt to {} did not complete within {} s; abandoning it",
                options.endpoint(), options.connectTimeout().toSeconds() * 2 + 1);
        status.nextSession(); // whatever Paho reports for this attempt later is stale
        disconnectQuietly();
        backOff();
    }

    /** The link dropped (Paho's connectionLost). */
    private void linkLost(Throwable cause) {
        if (status.closed() || status.state() == ConnectionState.BACKING_OFF) {
            return;
        }
        status.nextSession(); // late SUBACKs and connect results of the old session are stale
        Duration up = Duration.ofNanos(System.nanoTime() - connectedAtNanos);
        if (up.compareTo(options.stableConnection()) >= 0) {
            backoff.reset();
        }
        int failed = pending.failInFlight("connection lost");
        LOG.warn("upstream: connection to {} as {} lost after {} s ({} requests in flight failed): {}",
                options.endpoint(), options.clientId(), up.toSeconds(), failed, Failures.describe(cause));
        subscriptions.sessionEnded();
        backOff();
    }

    /** The connection is up but unusable (subscriptions failed): drop it and try again later. */
    private void dropConnection() {
        status.nextSession();
        disconnectQuietly();
        pending.failInFlight("connection dropped");
        backOff();
    }

    private void backOff() {
        if (status.closed()) {
            return;
        }
        status.changeTo(ConnectionState.BACKING_OFF);
        Duration delay = backoff.next();
        LOG.info("upstream: next connection attempt to {} in {} ms", options.endpoint(), delay.toMillis());
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
        }
        try {
            nextAttempt = thread.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("upstream: closing, no further attempt");
        }
    }

    /** Closes the Paho client for good; call once the connection thread has stopped. */
    void closeClient() {
        MqttAsyncClient paho = status.client();
        if (paho == null) {
            return;
        }
        disconnectQuietly();
        try {
            paho.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("upstream: close: {}", Failures.describe(e));
        }
    }

    private void disconnectQuietly() {
        MqttAsyncClient paho = status.client();
        if (paho == null) {
            return;
        }
        try {
            paho.disconnectForcibly(0, 1000, false);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("upstream: disconnect: {}", Failures.describe(e));
        }
    }

    /** A Paho action listener that continues on the connection thread, only if the attempt is still current. */
    private IMqttActionListener onThread(long id, Runnable onSuccess, Consumer<Throwable> onFailure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                thread.execute(() -> {
                    if (status.isCurrent(id)) {
                        onSuccess.run();
                    }
                });
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                thread.execute(() -> {
                    if (status.isCurrent(id)) {
                        onFailure.accept(failure);
                    }
                });
            }
        };
    }

    /** Paho's callbacks: never throw (an exception from messageArrived would make Paho drop the connection). */
    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            thread.execute(() -> linkLost(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                byte[] payload = message.getPayload();
                events.execute(() -> inbound.route(topic, payload));
            } catch (RuntimeException e) {
                LOG.error("upstream: cannot dispatch a message on {}", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // PUBACK of a request; nothing to do (the answer settles the request)
        }
    }
}
