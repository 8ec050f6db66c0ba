package io.edgejobs.emulator.internal.mqtt;

import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.api.mqtt.MqttServer;
import io.edgejobs.api.mqtt.MqttServerFactory;
import io.edgejobs.api.mqtt.MqttServerHandler;
import io.edgejobs.api.mqtt.MqttServerOptions;
import io.edgejobs.api.topic.JobsTopic;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.emulator.internal.cloud.JobsCloud;
import io.edgejobs.wire.JobsMqttDispatcher;
import io.edgejobs.wire.MqttJobsCodec;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's MQTT listener and the Jobs device API on it, as AWS IoT Core serves it: every publish under
 * {@code $aws/things/+/jobs/} is a request (never routed to other clients), answered on {@code <topic>/accepted}
 * or {@code <topic>/rejected} to the requesting connection only, with the clientToken echoed and the timestamp in
 * epoch seconds. Requests are taken in arrival order per connection and run on each thing's lane. The translation
 * topic → payload → data plane → answer is the gateway's own {@link JobsMqttDispatcher}; this class adds what only
 * the cloud does: AWS's rate limits and fault injection.
 */
public final class MqttFrontEnd implements MqttServerHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttFrontEnd.class);

    /** Everything in the Jobs namespace is a request to the emulator, so wrong topics get InvalidTopic. */
    static final List<String> CONSUMED_TOPICS = List.of("$aws/things/+/jobs/#");

    /** AWS IoT Core's payload limit (128 KB) plus room for the topic. */
    static final int MAX_MESSAGE_BYTES = 128 * 1024 + 1024;

    private final MqttJobsCodec codec;
    private final JobsMqttDispatcher dispatcher;
    private final RequestThrottle throttle;
    private final FaultInjector faults;
    private final ResponseSender responses;
    private volatile MqttServer server;

    private MqttFrontEnd(JobsDataPlane dataPlane, RequestValidator validator, Clock clock, RequestThrottle throttle,
            FaultInjector faults) {
        this.codec = new MqttJobsCodec(clock);
        this.dispatcher = new JobsMqttDispatcher(dataPlane, validator, codec, clock, this::admitAccountRate);
        this.throttle = throttle;
        this.faults = faults;
        this.responses = new ResponseSender(() -> server, faults);
    }

    /**
     * Binds the listener and routes the cloud's notifications to it.
     *
     * @throws IOException when the address cannot be bound
     */
    public static MqttFrontEnd start(MqttServerFactory factory, String host, int port, JobsCloud cloud,
            JobsDataPlane dataPlane, RequestValidator validator, RequestThrottle throttle, FaultInjector faults)
            throws IOException {
        MqttFrontEnd frontEnd = new MqttFrontEnd(dataPlane, validator, cloud.clock(), throttle, faults);
        MqttServerOptions options = MqttServerOptions.defaults("emulator", port)
                .withHost(host)
                .withAllowAnonymous(true)
                .withMaxMessageBytes(MAX_MESSAGE_BYTES)
                .withConsumedTopicFilters(CONSUMED_TOPICS);
        try {
            frontEnd.server = factory.start(options, frontEnd);
        } catch (IOException | RuntimeException e) {
            frontEnd.responses.close();
            throw e;
        }
        cloud.setNotificationSink(new MqttNotificationSink(() -> frontEnd.server, frontEnd.codec));
        return frontEnd;
    }

    public int boundPort() {
        return server.boundPort();
    }

    public String host() {
        return server.host();
    }

    public Set<String> connectedClientIds() {
        return server.connectedClientIds();
    }

    /** Closes every client connection now (fault injection: "the cloud dropped us"). */
    public int dropAllConnections() {
        int dropped = 0;
        for (String clientId : server.connectedClientIds()) {
            if (server.disconnect(clientId)) {
                dropped++;
            }
        }
        LOG.info("fault injection: dropped {} MQTT connections", dropped);
        return dropped;
    }

    // ---- MqttServerHandler ---------------------------------------------------------------------------------

    @Override
    public boolean authenticate(String clientId, String username, byte[] password) {
        if (faults.isRefusingConnections()) {
            LOG.info("fault injection: refusing the connection of client {}", clientId);
            return false;
        }
        return true;
    }

    @Override
    public boolean authorizePublish(String clientId, String username, String topic) {
        return true;
    }

    /** Any filter, including a gateway's {@code $aws/things/+/jobs/notify-next}. */
    @Override
    public boolean authorizeSubscribe(String clientId, String username, String topicFilter) {
        return true;
    }

    @Override
    public void onConnect(String clientId, String username) {
        LOG.info("client {} connected", clientId);
    }

    @Override
    public void onDisconnect(String clientId, String username) {
        throttle.connectionClosed(clientId);
        LOG.info("client {} disconnected", clientId);
    }

    @Override
    public void onPublish(String clientId, String username, String topic, byte[] payload) {
        boolean withinRate = throttle.allowPublish(clientId);
        if (!JobsTopics.isJobsTopic(topic)) {
            return; // brokered normally; it still counted against the connection's rate
        }
        JobsMqttDispatcher.Reply reply = (answerTopic, answer, operation) ->
                responses.send(clientId, answerTopic, answer, operation);
        if (!withinRate) {
            dispatcher.reject(clientId, topic, payload, new JobsException(ErrorCode.RequestThrottled,
                    "Rate exceeded: this connection publishes more than "
                            + throttle.limits().publishesPerSecondPerConnection() + " messages per second"),
                    null, reply);
            return;
        }
        dispatcher.dispatch(clientId, topic, payload, reply);
    }

    /** The account-wide Jobs data-plane rates (reads: Describe + GetPending; writes: StartNext + Update). */
    private void admitAccountRate(JobsTopic topic) {
        JobsOperation operation = topic.operation();
        if (!throttle.allowRequest(operation)) {
            throw new JobsException(ErrorCode.RequestThrottled, "Rate exceeded: the account's "
                    + (isWrite(operation) ? "write" : "read") + " request rate of the Jobs data plane");
        }
    }

    private static boolean isWrite(JobsOperation operation) {
        return operation == JobsOperation.START_NEXT_PENDING_JOB_EXECUTION
                || operation == JobsOperation.UPDATE_JOB_EXECUTION;
    }

    @Override
    public void close() {
        MqttServer s = server;
        if (s != null) {
            s.close();
        }
        responses.close();
    }
}
