package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.topic.JobsTopic;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.wire.MqttJobsCodec;
import io.edgejobs.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives on the connection, handled on the events thread: answers are matched to their pending request by
 * topic and clientToken and complete it with the device's token put back; notify / notify-next go to the
 * listeners. Nothing here throws: every message that cannot be used is logged and dropped.
 */
final class InboundRouter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundRouter.class);

    private final MqttJobsCodec codec;
    private final PendingRequests pending;
    private final ClientTokens tokens;
    private final TokenBucket bucket;
    private final UpstreamEvents events;

    InboundRouter(MqttJobsCodec codec, PendingRequests pending, ClientTokens tokens, TokenBucket bucket,
            UpstreamEvents events) {
        this.codec = codec;
        this.pending = pending;
        this.tokens = tokens;
        this.bucket = bucket;
        this.events = events;
    }

    void route(String topic, byte[] payload) {
        JobsTopic parsed;
        try {
            parsed = JobsTopics.parse(topic);
        } catch (RuntimeException e) {
            bucket.charge(1);
            LOG.warn("upstream: ignoring a message on {}: not a Jobs topic ({})", topic, e.getMessage());
            return;
        }
        switch (parsed.kind()) {
            case ACCEPTED, REJECTED -> answer(parsed, payload);
            case NOTIFY -> jobExecutionsChanged(parsed.thingName(), payload);
            case NOTIFY_NEXT -> nextJobExecutionChanged(parsed.thingName(), payload);
            case REQUEST -> {
                bucket.charge(1);
                LOG.debug("upstream: ignoring {}: a request topic, not an answer", topic);
            }
            default -> LOG.warn("upstream: ignoring a message on {}", topic);
        }
    }

    private void answer(JobsTopic topic, byte[] payload) {
        String token = codec.clientToken(payload).orElse(null);
        PendingRequest<?> request = pending.get(token);
        if (request == null) {
            bucket.charge(1); // nothing was reserved for it any more
            unmatched(topic, token);
            return;
        }
        if (!topic.request().topic().equals(request.request.topic())) {
            LOG.warn("upstream: answer on {} carries clientToken {} of {}, whose answer topic differs; ignored",
                    topic, token, request.request.describe());
            return;
        }
        if (!pending.take(request)) {
            return; // settled by its deadline or the link loss a moment ago
        }
        if (topic.kind() == JobsTopic.Kind.ACCEPTED) {
            accepted(request, topic, payload);
        } else {
            rejected(request, topic, payload);
        }
    }

    private <T> void accepted(PendingRequest<T> request, JobsTopic topic, byte[] payload) {
        T answer;
        try {
            answer = request.reader.read(codec, request.request, payload);
        } catch (WireFormatException e) {
            malformed(request, topic, e);
            return;
        }
        LOG.debug("upstream: accepted {}", request.request.describe());
        request.result.complete(answer);
    }

    private void rejected(PendingRequest<?> request, JobsTopic topic, byte[] payload) {
        ErrorResponse error;
        try {
            error = codec.decodeErrorResponse(payload);
        } catch (WireFormatException e) {
            malformed(request, topic, e);
            return;
        }
        LOG.info("upstream: cloud rejected {}: {} {}", request.request.describe(), error.code(), error.message());
        request.result.completeExceptionally(new UpstreamRejectedException(error, request.request.deviceToken(),
                request.request.upstreamToken()));
    }

    private void malformed(PendingRequest<?> request, JobsTopic topic, WireFormatException e) {
        LOG.error("upstream: malformed answer on {} for {}: {} {}", topic, request.request.describe(), e.code(),
                e.getMessage());
        request.result.completeExceptionally(new JobsException(ErrorCode.InternalError,
                "The answer from AWS IoT Jobs could not be read"));
    }

    private void unmatched(JobsTopic topic, String token) {
        String expired = pending.expiredRequest(token);
        if (expired != null) {
            LOG.info("upstream: late answer on {} for {} arrived after its timeout; ignored (the request was "
                    + "reported as timed out, outcome unknown)", topic, expired);
        } else if (tokens.issued(token)) {
            LOG.info("upstream: answer on {} for clientToken {} whose request was already settled; ignored",
                    topic, token);
        } else {
            LOG.warn("upstream: answer on {} with clientToken {} that this connection did not issue; ignored",
                    topic, token);
        }
    }

    private void jobExecutionsChanged(String thingName, byte[] payload) {
        bucket.charge(1);
        try {
            events.jobExecutionsChanged(thingName, codec.decodeJobExecutionsChanged(payload));
        } catch (WireFormatException e) {
            LOG.warn("upstream: malformed notify for thing {} dropped: {} {}", thingName, e.code(), e.getMessage());
        }
    }

    private void nextJobExecutionChanged(String thingName, byte[] payload) {
        bucket.charge(1);
        try {
            events.nextJobExecutionChanged(thingName, codec.decodeNextJobExecutionChanged(thingName, payload));
        } catch (WireFormatException e) {
            LOG.warn("upstream: malformed notify-next for thing {} dropped: {} {}", thingName, e.code(),
                    e.getMessage());
        }
    }
}
