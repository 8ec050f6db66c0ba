package io.edgejobs.wire;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.api.topic.JobsTopic;
import io.edgejobs.api.topic.JobsTopics;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the AWS IoT Jobs device API on any MQTT server: one PUBLISH under {@code $aws/things/{thing}/jobs/} in,
 * one answer on {@code <topic>/accepted} or {@code <topic>/rejected} out, through a {@link Reply} that reaches the
 * requesting connection only. The steps: topic grammar ({@link JobsTopics#parseRequest}), optional
 * {@link RequestGate} (rate limits), payload ({@link MqttJobsCodec#decodeRequest}), {@link RequestValidator},
 * the {@link JobsDataPlane} call, and the codec again for the answer.
 *
 * <p>Every failure is answered with the AWS ErrorResponse, the payload's clientToken echoed whenever it could be
 * read: InvalidTopic / InvalidRequest for the topic, InvalidJson / InvalidRequest for the payload, the data
 * plane's {@link JobsException} as it is, and InternalError for anything else (logged at ERROR). Each rejection
 * is logged once at INFO with the requester, topic, code and message.
 *
 * <p>Authorization (who may publish to which thing's topics) is the caller's job, before dispatching. Moquette-
 * and broker-free; thread-safe. The reply is sent on whatever thread completes the data plane's stage.
 */
public final class JobsMqttDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(JobsMqttDispatcher.class);

    /** Sends one answer to the connection that published the request, and to nobody else. */
    @FunctionalInterface
    public interface Reply {
        /**
         * @param topic {@code <request topic>/accepted} or {@code <request topic>/rejected}
         * @param payload the encoded answer or ErrorResponse
         * @param operation the request's operation, or null when the topic named none (InvalidTopic)
         */
        void send(String topic, byte[] payload, JobsOperation operation);
    }

    /** A check between topic and payload, such as a rate limit; rejects by throwing {@link JobsException}. */
    @FunctionalInterface
    public interface RequestGate {
        /** Lets every request through. */
        RequestGate OPEN = topic -> {
        };

        /**
         * @param topic the parsed request topic
         * @throws JobsException to answer the request with this error instead of dispatching it
         */
        void admit(JobsTopic topic);
    }

    private final JobsDataPlane dataPlane;
    private final RequestValidator validator;
    private final MqttJobsCodec codec;
    private final Clock clock;
    private final RequestGate gate;

    /**
     * @param dataPlane answers the requests
     * @param validator the request rules and limits (e.g. statusDetails values of 1024 or 128 characters)
     * @param codec the payload codec
     * @param clock stamps ErrorResponses produced here
     * @param gate checked after the topic parsed and before the payload is decoded
     */
    public JobsMqttDispatcher(JobsDataPlane dataPlane, RequestValidator validator, MqttJobsCodec codec, Clock clock,
            RequestGate gate) {
        this.dataPlane = Objects.requireNonNull(dataPlane, "dataPlane");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    /** A dispatcher on the system clock, without gate. */
    public JobsMqttDispatcher(JobsDataPlane dataPlane, RequestValidator validator) {
        this(dataPlane, validator, new MqttJobsCodec(), Clock.systemUTC(), RequestGate.OPEN);
    }

    /**
     * Handles one PUBLISH. Returns at once; the answer follows through {@code reply} when the data plane answers.
     *
     * @param requester who published (the MQTT client id), for the logs
     * @param topic the topic published to
     * @param payload the payload (null reads as empty)
     * @param reply reaches the requester only
     * @return false when the topic is not in the Jobs namespace at all (nothing is answered), true otherwise
     */
    public boolean dispatch(String requester, String topic, byte[] payload, Reply reply) {
        Objects.requireNonNull(reply, "reply");
        if (!JobsTopics.isJobsTopic(topic)) {
            return false;
        }
        JobsTopic parsed;
        JobsRequest request;
        try {
            parsed = JobsTopics.parseRequest(topic);
        } catch (JobsException e) {
            answerError(requester, topic, null, e, clientTokenOf(payload), reply);
            return true;
        }
        try {
            gate.admit(parsed);
            request = codec.decodeRequest(parsed.operation(), parsed.thingName(), parsed.jobId(), payload);
        } catch (WireFormatException e) {
            answerError(requester, topic, parsed.operation(), e, e.clientToken(), reply);
            return true;
        } catch (JobsException e) {
            answerError(requester, topic, parsed.operation(), e, clientTokenOf(payload), reply);
            return true;
        }
        try {
            validator.validate(request);
        } catch (JobsException e) {
            answerError(requester, topic, parsed.operation(), e, request.clientToken(), reply);
            return true;
        }
        JobsOperation operation = parsed.operation();
        call(request).whenComplete((answer, error) -> {
            if (error == null) {
                send(requester, reply, JobsTopics.acceptedOf(topic), answer, operation);
            } else {
                answerError(requester, topic, operation, asJobsException(error, requester, topic),
                        request.clientToken(), reply);
            }
        });
        return true;
    }

    /**
     * Answers a request with an error without dispatching it (e.g. a per-connection publish limit checked before
     * the topic is even parsed), echoing the payload's clientToken when it can be read.
     */
    public void reject(String requester, String topic, byte[] payload, JobsException error, JobsOperation operation,
            Reply reply) {
        answerError(requester, topic, operation, error, clientTokenOf(payload), reply);
    }

    private CompletionStage<byte[]> call(JobsRequest request) {
        try {
            if (request instanceof GetPendingJobExecutionsRequest r) {
                return dataPlane.getPendingJobExecutions(r).thenApply(codec::encodeResponse);
            } else if (request instanceof StartNextPendingJobExecutionRequest r) {
                return dataPlane.startNextPendingJobExecution(r).thenApply(codec::encodeResponse);
            } else if (request instanceof DescribeJobExecutionRequest r) {
                return dataPlane.describeJobExecution(r).thenApply(codec::encodeResponse);
            } else if (request instanceof UpdateJobExecutionRequest r) {
                return dataPlane.updateJobExecution(r).thenApply(codec::encodeResponse);
            }
            return CompletableFuture.failedFuture(new IllegalStateException("unknown request " + request));
        } catch (RuntimeException e) {
            // a data plane that throws instead of failing its stage still gets the device an answer
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answerError(String requester, String topic, JobsOperation operation, JobsException error,
            String clientToken, Reply reply) {
        LOG.info("{} {} rejected: {} {}", requester, topic, error.code(), error.getMessage());
        byte[] payload = codec.encodeError(error.toErrorResponse(clientToken, clock.instant()));
        send(requester, reply, JobsTopics.rejectedOf(topic), payload, operation);
    }

    private static void send(String requester, Reply reply, String topic, byte[] payload, JobsOperation operation) {
        try {
            reply.send(topic, payload, operation);
        } catch (RuntimeException e) {
            LOG.error("{}: sending {} failed", requester, topic, e);
        }
    }

    private String clientTokenOf(byte[] payload) {
        return payload == null ? null : codec.clientToken(payload).orElse(null);
    }

    private static JobsException asJobsException(Throwable error, String requester, String topic) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof JobsException e) {
            return e;
        }
        LOG.error("{} {}: internal error while answering", requester, topic, cause);
        return new JobsException(ErrorCode.InternalError, "Internal error: " + cause.getClass().getSimpleName());
    }
}
