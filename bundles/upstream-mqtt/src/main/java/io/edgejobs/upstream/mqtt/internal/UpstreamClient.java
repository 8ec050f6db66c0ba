package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.wire.MqttJobsCodec;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 3.1.1 connection to AWS IoT Core (Paho {@link MqttAsyncClient}, clean session) and the requests
 * forwarded on it: the parts wired together, and the order in which they stop.
 *
 * <ul>
 *   <li>{@link ConnectionLifecycle}: attempts, backoff, link loss, the state;</li>
 *   <li>{@link SessionSubscriptions}: what each session subscribes to, and the SUBACK verdicts;</li>
 *   <li>{@link RequestForwarder}: a request's way to its publish (deadline, per-thing subscription, pacing);</li>
 *   <li>{@link RequestPublisher}: the publish itself, within the in-flight window;</li>
 *   <li>{@link InboundRouter}: answers and notifications, on the events thread.</li>
 * </ul>
 *
 * <p><b>Threads.</b> The connection's life (attempts, subscriptions, backoff, deadlines, paced publishes) runs on
 * one scheduler thread ({@link ConnectionThread}); Paho's callbacks only hand work to it or, for incoming
 * messages, to the events thread ({@link UpstreamEvents}), where answers and notifications are decoded and
 * delivered. Callers of {@link #forward} never block.
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

    private final ConnectionStatus status;
    private final ConnectionThread thread;
    private final PendingRequests pending;
    private final SessionSubscriptions subscriptions;
    private final RequestForwarder forwarder;
    private final ConnectionLifecycle lifecycle;

    UpstreamClient(UpstreamOptions options, SocketFactorySource sockets, UpstreamEvents events) {
        MqttJobsCodec codec = new MqttJobsCodec();
        ClientTokens tokens = new ClientTokens();
        TokenBucket bucket = new TokenBucket(options.publishRatePerSecond(), options.publishBurst());
        this.status = new ConnectionStatus(events);
        this.thread = new ConnectionThread(options.clientId());
        this.pending = new PendingRequests(events);
        this.subscriptions = new SessionSubscriptions(options, status, thread);
        RequestPublisher publisher = new RequestPublisher(codec, pending, status, thread);
        PublishQueue queue = new PublishQueue(options, bucket, thread, pending, publisher);
        this.forwarder = new RequestForwarder(options, status, thread, tokens, pending, subscriptions, queue);
        InboundRouter inbound = new InboundRouter(codec, pending, tokens, bucket, events);
        this.lifecycle = new ConnectionLifecycle(options, sockets, events, status, thread, subscriptions, publisher,
                pending, inbound);
    }

    /**
     * Starts connecting in the background (nothing when disabled). Never fails for network or TLS trouble: those
     * are reported as state and retried.
     *
     * @throws IllegalArgumentException when Paho refuses the endpoint or client id
     */
    void start() {
        lifecycle.start();
    }

    ConnectionState state() {
        return status.state();
    }

    int pendingRequests() {
        return pending.size();
    }

    /** Forwards a request; the stage completes on the events thread. */
    <T> CompletableFuture<T> forward(JobsRequest request, AnswerReader<T> reader) {
        return forwarder.forward(request, reader);
    }

    /** Adds things to watch (their notifications); in per-thing mode each takes a subscription place. */
    void watchThings(Collection<String> thingNames) {
        subscriptions.watch(thingNames);
    }

    /**
     * Stops for good: no further attempts, the connection closed, waiting requests failed (published ones as
     * timed out, the others as unavailable), state DISCONNECTED. Bounded: a few seconds at most.
     */
    @Override
    public void close() {
        if (status.closed()) {
            return;
        }
        status.markClosed();
        thread.shutdown();
        lifecycle.closeClient();
        int failed = pending.failInFlight("connection closed");
        if (failed > 0) {
            LOG.info("upstream: closed with {} requests in flight (failed)", failed);
        }
        status.changeTo(ConnectionState.DISCONNECTED);
    }
}
