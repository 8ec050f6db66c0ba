package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.wire.MqttJobsCodec;
import java.util.ArrayDeque;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes forwarded requests (QoS 1) within AWS's window of 100 unacknowledged publishes per connection: beyond
 * it a request waits (FIFO) for a PUBACK, still bounded by its deadline. Runs on the {@link ConnectionThread}
 * only; the window belongs to one session and starts empty with the next.
 */
final class RequestPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPublisher.class);
    private static final int QOS = 1;
    /** AWS IoT Core: 100 unacknowledged QoS 1 publishes per connection. */
    static final int MAX_INFLIGHT = 100;

    private final MqttJobsCodec codec;
    private final PendingRequests pending;
    private final ConnectionStatus status;
    private final ConnectionThread thread;
    private int inflight;
    private final ArrayDeque<PendingRequest<?>> awaitingWindow = new ArrayDeque<>();

    RequestPublisher(MqttJobsCodec codec, PendingRequests pending, ConnectionStatus status, ConnectionThread thread) {
        this.codec = codec;
        this.pending = pending;
        this.status = status;
        this.thread = thread;
    }

    /** A new session: the previous one's window is gone with its connection. */
    void sessionStarted() {
        inflight = 0;
        awaitingWindow.clear();
    }

    /** Publishes now, or queues the request until the window has room; fails it when it cannot be sent. */
    void publish(PendingRequest<?> entry) {
        if (!pending.isPending(entry)) {
            return;
        }
        MqttAsyncClient paho = status.client();
        ConnectionState state = status.state();
        if (state != ConnectionState.CONNECTED || paho == null) {
            pending.fail(entry, entry.request.notSent("upstream is " + state));
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
        long id = status.session();
        entry.markSent();
        try {
            paho.publish(request.topic(), payload, QOS, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // PUBACK: the cloud has the request; the answer comes on accepted/rejected
                    thread.execute(() -> publishSettled(id));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.info("upstream: delivery of {} not confirmed: {}", request.describe(),
                            Failures.describe(failure));
                    thread.execute(() -> publishSettled(id));
                }
            });
            inflight++;
            LOG.debug("upstream: published {} on {}", request.describe(), request.topic());
        } catch (MqttException | RuntimeException e) {
            // refused by the client before anything was written: the cloud has not seen it
            LOG.info("upstream: {} not sent: {}", request.describe(), Failures.describe(e));
            pending.fail(entry, request.notSent("the MQTT client refused the publish: " + Failures.describe(e)));
        }
    }

    /** A publish was acknowledged (or failed): its window slot goes to the next waiting request. */
    private void publishSettled(long id) {
        if (id != status.session()) {
            return; // the window of a previous connection
        }
        inflight--;
        while (inflight < MAX_INFLIGHT && !awaitingWindow.isEmpty()) {
            publish(awaitingWindow.poll());
        }
    }
}
