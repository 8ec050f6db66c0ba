package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.Identifiers;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import io.edgejobs.tls.TlsSetupException;
import io.edgejobs.wire.MqttJobsCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * One MQTT 3.1.1 connection to AWS IoT Core (Paho {@link MqttAsyncClient}, clean session) and the requests
 * forwarded on it.
 *
 * <p><b>Threads.</b> The connection's life (attempts, subscriptions, backoff, deadlines, paced publishes) runs on
 * one scheduler thread; Paho's callbacks only hand work to it or, for incoming messages, to the events thread
 * ({@link UpstreamEvents}), where answers and notifications are decoded and delivered. Callers of
 * {@link #forward} never block.
 *
 * <p><b>Outcomes.</b> A request is refused at once as unavailable when the connection is not CONNECTED; it fails
 * as unavailable when it could not be published within half its bound (publish pacing, per-thing subscription);
 * once published, it fails as timed out when no answer came within its bound or the link dropped first.
 *
 * <p>Several instances can run side by side (distinct client ids): nothing here is static. See
 * docs/decisions-upstream.md for how a gateway would spread many things over several connections.
 */
final class UpstreamClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);
    private static final int QOS = 1;
    /** AWS IoT Core: 100 unacknowledged QoS 1 publishes per connection. */
    static final int MAX_INFLIGHT = 100;
    /** Units a request takes from the publish bucket: the request and its answer. */
    static final int UNITS_PER_REQUEST = 2;

    private final UpstreamOptions options;
    private final SocketFactorySource sockets;
    private final UpstreamEvents events;
    private final MqttJobsCodec codec = new MqttJobsCodec();
    private final ClientTokens tokens = new ClientTokens();
    private final TokenBucket bucket;
    private final Backoff backoff;
    private final PendingRequests pending;
    private final InboundRouter inbound;
    private final ThingSubscriptions thingSubscriptions;
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile boolean closed;
    private volatile MqttAsyncClient client;
    // scheduler thread only:
    private long session;
    private long connectedAtNanos;
    private ScheduledFuture<?> nextAttempt;
    private int inflight;
    private final ArrayDeque<PendingRequest<?>> awaitingWindow = new ArrayDeque<>();

    UpstreamClient(UpstreamOptions options, SocketFactorySource sockets, UpstreamEvents events) {
        this.options = options;
        this.sockets = sockets;
        this.events = events;
        this.bucket = new TokenBucket(options.publishRatePerSecond(), options.publishBurst());
        this.backoff = new Backoff(options.reconnectInitialDelay(), options.reconnectMaxDelay(), new Random());
        this.pending = new PendingRequests(events);
        this.inbound = new InboundRouter(codec, pending, tokens, bucket, events);
        this.thingSubscriptions = options.wildcardSubscriptions() ? null
                : new ThingSubscriptions(options.maxSubscriptions());
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "edgejobs-upstream-" + options.clientId());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts connecting in the background (nothing when disabled). Never fails for network or TLS trouble: those
     * are reported as state and retried.
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
            client = paho;
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint/clientId: refused by the MQTT client: " + e.getMessage(), e);
        }
        onScheduler(this::attempt);
    }

    ConnectionState state() {
        return state;
    }

    int pendingRequests() {
        return pending.size();
    }

    // ---- forwarding ---------------------------------------------------------------------------------------

    /** Forwards a request; the stage completes on the events thread. */
    <T> CompletableFuture<T> forward(JobsRequest request, AnswerReader<T> reader) {
        ConnectionState now = state;
        if (closed || now != ConnectionState.CONNECTED) {
            return CompletableFuture.failedFuture(new UpstreamUnavailableException("upstream is " + now
                    + "; not sent: " + ForwardedRequest.describeDeviceRequest(request)));
        }
        ForwardedRequest forwarded;
        try {
            forwarded = ForwardedRequest.of(request, tokens.next());
        } catch (IllegalArgumentException e) {
            LOG.info("upstream: not forwarding {}: {}", ForwardedRequest.describeDeviceRequest(request),
                    e.getMessage());
            return CompletableFuture.failedFuture(new JobsException(ErrorCode.InvalidRequest, e.getMessage()));
        }
        long timeoutNanos = options.requestTimeout().toNanos();
        PendingRequest<T> entry = new PendingRequest<>(forwarded, reader, System.nanoTime() + timeoutNanos);
        pending.add(entry);
        try {
            entry.deadlineTimer(scheduler.schedule(() -> expire(entry), timeoutNanos, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            pending.fail(entry, unavailable(forwarded, "the connection is closing"));
            return entry.result;
        }
        LOG.debug("upstream: forwarding {}", forwarded.describe());
        if (thingSubscriptions == null) {
            reserveAndPublish(entry);
        } else {
            afterThingSubscription(entry);
        }
        return entry.result;
    }

    private void afterThingSubscription(PendingRequest<?> entry) {
        String thing = entry.request.thingName();
        CompletableFuture<Void> subscribed = thingSubscriptions.admit(thing);
        if (subscribed == null) {
            if (thingSubscriptions.reportRefusal(thing)) {
                LOG.warn("upstream: thing {} cannot be served on this connection: it holds its maximum of {} "
                        + "per-thing subscriptions (wildcardSubscriptions=false)", thing, options.maxSubscriptions());
            }
            pending.fail(entry, unavailable(entry.request, "no subscription place left for the thing on this "
                    + "connection (maximum " + options.maxSubscriptions() + ")"));
            return;
        }
        if (subscribed.isDone() && !subscribed.isCompletedExceptionally()) {
            reserveAndPublish(entry);
            return;
        }
        queueSubscriptionFlush();
        subscribed.whenComplete((ok, failure) -> {
            if (failure != null) {
                pending.fail(entry, unavailable(entry.request, "the subscription for the thing was refused"));
            } else {
                reserveAndPublish(entry);
            }
        });
    }

    private void reserveAndPublish(PendingRequest<?> entry) {
        if (!pending.isPending(entry)) {
            return;
        }
        // At most half the request's bound is spent waiting for a publish slot; the rest is left for the answer.
        long maxWait = entry.deadlineNanos - System.nanoTime() - options.requestTimeout().toNanos() / 2;
        long wait = maxWait < 0 ? -1 : bucket.reserve(UNITS_PER_REQUEST, maxWait);
        if (wait < 0) {
            LOG.warn("upstream: publish rate limit ({}/s, burst {}): no slot in time for {}",
                    options.publishRatePerSecond(), options.publishBurst(), entry.request.describe());
            pending.fail(entry, unavailable(entry.request, "publish rate limit: no slot within half the request "
                    + "timeout"));
        } else {
            try {
                scheduler.schedule(() -> publish(entry), wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                pending.fail(entry, unavailable(entry.request, "the connection is closing"));
            }
        }
    }

    /**
     * Publishes on the scheduler thread, within AWS's window of 100 unacknowledged QoS 1 publishes: beyond it the
     * request waits (FIFO) for a PUBACK, still bounded by its deadline.
     */
    private void publish(PendingRequest<?> entry) {
        if (!pending.isPending(entry)) {
            return;
        }
        MqttAsyncClient paho = client;
        if (state != ConnectionState.CONNECTED || paho == null) {
            pending.fail(entry, unavailable(entry.request, "upstream is " + state));
            return;
        }
        if (inflight >= MAX_INFLIGHT) {
            awaitingWindow.add(entry);
            return;
        }
        ForwardedRequest request = entry.request;
        byte[] payload;
        try {
            payload = codec.encodeRequest(request.upstream());
        } catch (RuntimeException e) {
            LOG.error("upstream: cannot encode {}", request.describe(), e);
            pending.fail(entry, new JobsException(ErrorCode.InternalError, "The request could not be encoded"));
            return;
        }
        long id = session;
        entry.markSent();
        try {
            paho.publish(request.topic(), payload, QOS, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // PUBACK: the cloud has the request; the answer comes on accepted/rejected
                    onScheduler(() -> publishSettled(id));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.info("upstream: delivery of {} not confirmed: {}", request.describe(), describe(failure));
                    onScheduler(() -> publishSettled(id));
                }
            });
            inflight++;
            LOG.debug("upstream: published {} on {}", request.describe(), request.topic());
        } catch (MqttException | RuntimeException e) {
            // refused by the client before anything was written: the cloud has not seen it
            LOG.info("upstream: {} not sent: {}", request.describe(), describe(e));
            pending.fail(entry, unavailable(request, "the MQTT client refused the publish: " + describe(e)));
        }
    }

    /** A publish was acknowledged (or failed): its window slot goes to the next waiting request. */
    private void publishSettled(long id) {
        if (id != session) {
            return; // the window of a previous connection
        }
        inflight--;
        while (inflight < MAX_INFLIGHT && !awaitingWindow.isEmpty()) {
            publish(awaitingWindow.poll());
        }
    }

    private void expire(PendingRequest<?> entry) {
        if (!entry.sent()) {
            pending.fail(entry, unavailable(entry.request, "not sent within " + options.requestTimeout().toMillis()
                    + " ms"));
            return;
        }
        if (pending.expire(entry, new UpstreamTimeoutException("no answer from the cloud within "
                + options.requestTimeout().toMillis() + " ms for " + entry.request.describe()
                + "; outcome unknown"))) {
            LOG.warn("upstream: no answer within {} ms for {}; outcome unknown", options.requestTimeout().toMillis(),
                    entry.request.describe());
        }
    }

    private static UpstreamUnavailableException unavailable(ForwardedRequest request, String why) {
        return new UpstreamUnavailableException(why + "; not sent: " + request.describe());
    }

    /** Fails every waiting request: published ones as timed out (outcome unknown), the others as unavailable. */
    private int failInFlight(String why) {
        return pending.failAll(entry -> entry.sent()
                ? new UpstreamTimeoutException(why + " while waiting for the answer to " + entry.request.describe()
                        + "; outcome unknown")
                : unavailable(entry.request, why));
    }

    // ---- watched things -----------------------------------------------------------------------------------

    /** Adds things to watch (their notifications); in per-thing mode each takes a subscription place. */
    void watchThings(Collection<String> thingNames) {
        List<String> valid = new ArrayList<>();
        for (String thing : thingNames) {
            if (Identifiers.isValidThingName(thing)) {
                valid.add(thing);
            } else {
                LOG.warn("upstream: not watching '{}': not a valid thing name", thing);
            }
        }
        if (thingSubscriptions == null || valid.isEmpty()) {
            return;
        }
        List<String> refused = thingSubscriptions.watch(valid);
        if (!refused.isEmpty()) {
            LOG.warn("upstream: per-thing subscriptions are at their maximum of {} on this connection "
                    + "(wildcardSubscriptions=false); these things cannot be watched here, their notifications "
                    + "will not arrive and their requests fail as unavailable: {}", options.maxSubscriptions(),
                    refused);
        }
        queueSubscriptionFlush();
    }

    // ---- connection life (scheduler thread) ---------------------------------------------------------------

    private void attempt() {
        if (closed) {
            return;
        }
        long id = ++session;
        setState(ConnectionState.CONNECTING);
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
        connect.setMaxInflight(MAX_INFLIGHT);
        connect.setSocketFactory(factory);
        LOG.info("upstream: connecting to {} as {}", options.endpoint(), options.clientId());
        // Paho has no bound on waiting for CONNACK or SUBACK: this one covers the whole attempt.
        try {
            scheduler.schedule(() -> abandonIfStuck(id), options.connectTimeout().toMillis() * 2 + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return; // closing
        }
        try {
            client.connect(connect, null, onScheduler(id, this::connected, this::connectFailed));
        } catch (MqttException | RuntimeException e) {
            connectFailed(e);
        }
    }

    private void connected() {
        connectedAtNanos = System.nanoTime();
        inflight = 0;
        awaitingWindow.clear();
        long id = session;
        LOG.info("upstream: connected to {} as {}; subscribing", options.endpoint(), options.clientId());
        List<String> filters;
        List<String> things = List.of();
        if (thingSubscriptions == null) {
            filters = Subscriptions.WILDCARD_FILTERS;
        } else {
            thingSubscriptions.sessionEnded();
            things = thingSubscriptions.takeUnsubscribed();
            filters = things.stream().map(Subscriptions::thingFilter).toList();
        }
        List<String> subscribedThings = things;
        subscribe(filters).whenComplete((granted, failure) -> onScheduler(() -> {
            if (id != session || closed) {
                return;
            }
            if (failure != null) {
                if (thingSubscriptions != null) {
                    thingSubscriptions.unsent(subscribedThings);
                }
                LOG.warn("upstream: subscribing failed: {}", describe(failure));
                dropConnection();
                return;
            }
            if (!acceptGrants(filters, granted)) {
                dropConnection();
                return;
            }
            setState(ConnectionState.CONNECTED);
            LOG.info("upstream: ready on {} as {} ({} subscription filters)", options.endpoint(),
                    options.clientId(), filters.size());
            queueSubscriptionFlush();
        }));
    }

    /**
     * Checks the SUBACK codes. Wildcard mode: a refused answer filter makes the connection useless (every request
     * would time out); a refused notification filter only costs notifications. Per-thing mode: a refused thing
     * loses its place.
     */
    private boolean acceptGrants(List<String> filters, List<Integer> granted) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            if (granted.get(i) == Subscriber.REFUSED) {
                refused.add(filters.get(i));
            }
        }
        if (refused.isEmpty()) {
            if (thingSubscriptions != null) {
                thingSubscriptions.subscribed(filters.stream().map(Subscriptions::thingOf).toList());
            }
            return true;
        }
        if (thingSubscriptions != null) {
            List<String> refusedThings = refused.stream().map(Subscriptions::thingOf).toList();
            LOG.warn("upstream: the IoT policy refused the subscriptions of these things: {}", refusedThings);
            thingSubscriptions.refused(refusedThings, new IllegalStateException("subscription refused"));
            thingSubscriptions.subscribed(filters.stream().filter(f -> !refused.contains(f))
                    .map(Subscriptions::thingOf).toList());
            return true;
        }
        if (refused.stream().anyMatch(Subscriptions.RESPONSE_FILTERS::contains)) {
            LOG.error("upstream: the IoT policy of {} refused the subscriptions {}; without them no answer can "
                    + "arrive. Allow iot:Subscribe on these topic filters (docs/aws-iot-core.md) or set "
                    + "wildcardSubscriptions=false", options.clientId(), refused);
            return false;
        }
        LOG.warn("upstream: the IoT policy refused the subscriptions {}; notifications will not arrive", refused);
        return true;
    }

    private void queueSubscriptionFlush() {
        if (thingSubscriptions != null && flushQueued.compareAndSet(false, true)) {
            onScheduler(this::flushThingSubscriptions);
        }
    }

    /** Subscribes the things that got a place since the connection was made, up to 8 filters per SUBSCRIBE. */
    private void flushThingSubscriptions() {
        flushQueued.set(false);
        if (closed || state != ConnectionState.CONNECTED) {
            return; // done by connected() on the next connection
        }
        long id = session;
        for (List<String> batch : Subscriptions.batches(thingSubscriptions.takeUnsubscribed())) {
            List<String> filters = batch.stream().map(Subscriptions::thingFilter).toList();
            subscribe(filters).whenComplete((granted, failure) -> onScheduler(() -> {
                if (failure != null || id != session) {
                    thingSubscriptions.unsent(batch);
                    if (failure != null && id == session) {
                        LOG.info("upstream: subscribing things {} failed: {}", batch, describe(failure));
                    }
                    return;
                }
                acceptGrants(filters, granted);
            }));
        }
    }

    private CompletableFuture<List<Integer>> subscribe(List<String> filters) {
        return Subscriber.subscribe(client, filters, QOS);
    }

    private void connectFailed(Throwable failure) {
        LOG.warn("upstream: connection to {} as {} failed: {}", options.endpoint(), options.clientId(),
                describe(failure));
        backOff();
    }

    private void abandonIfStuck(long id) {
        if (id != session || closed || state != ConnectionState.CONNECTING) {
            return;
        }
        LOG.warn("upstream: connection attempt to {} did not complete within {} s; abandoning it",
                options.endpoint(), options.connectTimeout().toSeconds() * 2 + 1);
        session++; // whatever Paho reports for this attempt later is stale
        disconnectQuietly();
        backOff();
    }

    /** The link dropped (Paho's connectionLost). */
    private void linkLost(Throwable cause) {
        if (closed || state == ConnectionState.BACKING_OFF) {
            return;
        }
        session++; // late SUBACKs and connect results of the old session are stale
        Duration up = Duration.ofNanos(System.nanoTime() - connectedAtNanos);
        if (up.compareTo(options.stableConnection()) >= 0) {
            backoff.reset();
        }
        int failed = failInFlight("connection lost");
        LOG.warn("upstream: connection to {} as {} lost after {} s ({} requests in flight failed): {}",
                options.endpoint(), options.clientId(), up.toSeconds(), failed, describe(cause));
        if (thingSubscriptions != null) {
            thingSubscriptions.sessionEnded();
        }
        backOff();
    }

    /** The connection is up but unusable (subscriptions failed): drop it and try again later. */
    private void dropConnection() {
        session++;
        disconnectQuietly();
        failInFlight("connection dropped");
        backOff();
    }

    private void backOff() {
        if (closed) {
            return;
        }
        setState(ConnectionState.BACKING_OFF);
        Duration delay = backoff.next();
        LOG.info("upstream: next connection attempt to {} in {} ms", options.endpoint(), delay.toMillis());
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
        }
        try {
            nextAttempt = scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("upstream: closing, no further attempt");
        }
    }

    private void disconnectQuietly() {
        MqttAsyncClient paho = client;
        if (paho == null) {
            return;
        }
        try {
            paho.disconnectForcibly(0, 1000, false);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("upstream: disconnect: {}", describe(e));
        }
    }

    private void setState(ConnectionState next) {
        if (state == next) {
            return;
        }
        LOG.debug("upstream: state {} -> {}", state, next);
        state = next;
        events.stateChanged(next);
    }

    // ---- closing ------------------------------------------------------------------------------------------

    /**
     * Stops for good: no further attempts, the connection closed, waiting requests failed (published ones as
     * timed out, the others as unavailable), state DISCONNECTED. Bounded: a few seconds at most.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("upstream: the connection thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient paho = client;
        if (paho != null) {
            disconnectQuietly();
            try {
                paho.close(true);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("upstream: close: {}", describe(e));
            }
        }
        int failed = failInFlight("connection closed");
        if (failed > 0) {
            LOG.info("upstream: closed with {} requests in flight (failed)", failed);
        }
        setState(ConnectionState.DISCONNECTED);
    }

    // ---- plumbing -----------------------------------------------------------------------------------------

    private void onScheduler(Runnable task) {
        try {
            scheduler.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("upstream: internal error on the connection thread", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("upstream: closed; dropped a connection task");
        }
    }

    /** A Paho action listener that continues on the scheduler thread, only if the attempt is still current. */
    private IMqttActionListener onScheduler(long id, Runnable onSuccess, Consumer<Throwable> onFailure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                onScheduler(() -> {
                    if (id == session && !closed) {
                        onSuccess.run();
                    }
                });
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                onScheduler(() -> {
                    if (id == session && !closed) {
                        onFailure.accept(failure);
                    }
                });
            }
        };
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "no cause given";
        }
        String text = failure.toString();
        Throwable cause = failure.getCause();
        return cause == null || text.contains(cause.toString()) ? text : text + ": " + cause;
    }

    /** Paho's callbacks: never throw (an exception from messageArrived would make Paho drop the connection). */
    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            onScheduler(() -> linkLost(cause));
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
