package io.edgejobs.wire;

import static io.edgejobs.wire.Payloads.tree;
import static io.edgejobs.wire.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.api.jobs.ValidationLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The MQTT request path shared by the gateway's device listener and the emulator, on a scripted data plane. */
class JobsMqttDispatcherTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String THING = "pump-1";
    private static final String CLIENT = "pump-1";

    private final ScriptedDataPlane dataPlane = new ScriptedDataPlane();
    private final List<Sent> sent = new ArrayList<>();
    private final JobsMqttDispatcher.Reply reply = (topic, payload, operation) ->
            sent.add(new Sent(topic, tree(payload), operation));

    private JobsMqttDispatcher dispatcher(JobsMqttDispatcher.RequestGate gate) {
        return new JobsMqttDispatcher(dataPlane, new RequestValidator(ValidationLimits.STRICT_2020),
                new MqttJobsCodec(Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC), gate);
    }

    private final JobsMqttDispatcher dispatcher = dispatcher(JobsMqttDispatcher.RequestGate.OPEN);

    @Test
    void anAcceptedAnswerGoesToTheAcceptedTopicWithTheToken() {
        // given
        dataPlane.answer = r -> new GetPendingJobExecutionsResponse(List.of(), List.of(), NOW, r.clientToken());

        // when
        boolean handled = dispatcher.dispatch(CLIENT, "$aws/things/pump-1/jobs/get", utf8("{\"clientToken\":\"t-1\"}"),
                reply);

        // then
        assertTrue(handled);
        assertEquals(List.of(new GetPendingJobExecutionsRequest(THING, "t-1")), dataPlane.received);
        Sent answer = single();
        assertEquals("$aws/things/pump-1/jobs/get/accepted", answer.topic);
        assertEquals(JobsOperation.GET_PENDING_JOB_EXECUTIONS, answer.operation);
        assertEquals("t-1", answer.payload.get("clientToken").asText());
        assertEquals(NOW.getEpochSecond(), answer.payload.get("timestamp").asLong());
    }

    @Test
    void brokenJsonIsInvalidJsonWithTheTokenReadBestEffort() {
        // when
        dispatcher.dispatch(CLIENT, "$aws/things/pump-1/jobs/start-next", utf8("{\"clientToken\":\"t-2\", \"status"),
                reply);

        // then
        assertRejected("$aws/things/pump-1/jobs/start-next/rejected", ErrorCode.InvalidJson, "t-2");
        assertTrue(dataPlane.received.isEmpty());
    }

    @Test
    void aWrongTopicInTheJobsNamespaceIsInvalidTopicWithoutOperation() {
        // when
        dispatcher.dispatch(CLIENT, "$aws/things/pump-1/jobs/job-1/delete", utf8("{\"clientToken\":\"t-3\"}"), reply);

        // then
        Sent answer = assertRejected("$aws/things/pump-1/jobs/job-1/delete/rejected", ErrorCode.InvalidTopic, "t-3");
        assertNull(answer.operation);
    }

    @Test
    void aFieldBreakingTheConfiguredLimitsIsInvalidRequestWithTheToken() {
        // given a statusDetails value of 129 characters, over the 2020 limit of 128 this dispatcher uses
        String payload = "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"k\":\"" + "x".repeat(129)
                + "\"},\"clientToken\":\"t-4\"}";

        // when
        dispatcher.dispatch(CLIENT, "$aws/things/pump-1/jobs/job-1/update", utf8(payload), reply);

        // then
        Sent answer = assertRejected("$aws/things/pump-1/jobs/job-1/update/rejected", ErrorCode.InvalidRequest,
                "t-4");
        assertTrue(answer.payload.get("message").asText().contains("statusDetails.k"));
        assertEquals(JobsOperation.UPDATE_JOB_EXECUTION, answer.operation);
        assertTrue(dataPlane.received.isEmpty());
    }

    @Test
    void aDataPlaneRejectionIsRelayedWithItsCodeAndExecutionState() {
        // given
        JobExecutionState state = new JobExecutionState(JobExecutionStatus.IN_PROGRESS, Map.of("p", "1"), 3);
        dataPlane.failure = new JobsException(ErrorCode.VersionMismatch, "expectedVersion 2 does not match", state);

        // when
        dispatcher.dispatch(CLIENT, "$aws/things/pump-1/jobs/job-1/update",
                utf8("{\"status\":\"SUCCEEDED\",\"expectedVersion\":2,\"clientToken\":\"t-5\"}"), reply);

        // then
        Sent answer = assertRejected("$aws/things/pump-1/jobs/job-1/update/rejected", ErrorCode.VersionMismatch,
                "t-5");
        assertEquals("expectedVersion 2 does not match", answer.payload.get("message").asText());
        assertEquals(3, answer.payload.get("executionState").get("versionNumber").asLong());
        assertEquals("IN_PROGRESS", answer.payload.get("executionState").get("status").asText());
    }

    @Test
    void anUnexpectedFailureIsInternalError() {
        // given a data plane that throws instead of failing its stage
        dataPlane.thrown = new IllegalStateException("boom");

        // when
        dispatcher.dispatch(CLIENT, "$aws/things/pump-1/jobs/$next/get", utf8("{\"clientToken\":\"t-6\"}"), reply);

        // then
        assertRejected("$aws/things/pump-1/jobs/$next/get/rejected", ErrorCode.InternalError, "t-6");
    }

    @Test
    void theGateRejectsBeforeThePayloadIsRead() {
        // given
        JobsMqttDispatcher gated = dispatcher(topic -> {
            throw new JobsException(ErrorCode.RequestThrottled, "Rate exceeded for " + topic.operation());
        });

        // when
        gated.dispatch(CLIENT, "$aws/things/pump-1/jobs/get", utf8("{\"clientToken\":\"t-7\""), reply);

        // then the gate's error, not InvalidJson, with the token read best-effort
        assertRejected("$aws/things/pump-1/jobs/get/rejected", ErrorCode.RequestThrottled, "t-7");
        assertTrue(dataPlane.received.isEmpty());
    }

    @Test
    void topicsOutsideTheJobsNamespaceAreNotHandled() {
        // when
        boolean handled = dispatcher.dispatch(CLIENT, "$aws/things/pump-1/shadow/get", utf8("{}"), reply);

        // then
        assertFalse(handled);
        assertTrue(sent.isEmpty());
    }

    @Test
    void aFailingReplyIsLoggedNotThrown() {
        // given
        dataPlane.answer = r -> new GetPendingJobExecutionsResponse(List.of(), List.of(), NOW, null);

        // when / then: no exception escapes
        assertTrue(dispatcher.dispatch(CLIENT, "$aws/things/pump-1/jobs/get", null, (topic, payload, operation) -> {
            throw new IllegalStateException("connection gone");
        }));
    }

    @Test
    void rejectAnswersWithoutDispatching() {
        // when
        dispatcher.reject(CLIENT, "$aws/things/pump-1/jobs/get", utf8("{\"clientToken\":\"t-8\"}"),
                new JobsException(ErrorCode.RequestThrottled, "too fast"), JobsOperation.GET_PENDING_JOB_EXECUTIONS,
                reply);

        // then
        assertRejected("$aws/things/pump-1/jobs/get/rejected", ErrorCode.RequestThrottled, "t-8");
        assertTrue(dataPlane.received.isEmpty());
    }

    private Sent single() {
        assertEquals(1, sent.size(), () -> "sent: " + sent);
        return sent.get(0);
    }

    private Sent assertRejected(String topic, ErrorCode code, String clientToken) {
        Sent answer = single();
        assertEquals(topic, answer.topic);
        assertEquals(code.wireName(), answer.payload.get("code").asText());
        assertEquals(clientToken, answer.payload.get("clientToken").asText());
        assertEquals(NOW.getEpochSecond(), answer.payload.get("timestamp").asLong());
        return answer;
    }

    private record Sent(String topic, JsonNode payload, JobsOperation operation) {
    }

    /** Answers every request with {@link #answer}, fails with {@link #failure} or throws {@link #thrown}. */
    private static final class ScriptedDataPlane implements JobsDataPlane {
        final List<JobsRequest> received = new ArrayList<>();
        Function<JobsRequest, Object> answer;
        JobsException failure;
        RuntimeException thrown;

        @SuppressWarnings("unchecked")
        private <T> CompletionStage<T> handle(JobsRequest request) {
            received.add(request);
            if (thrown != null) {
                throw thrown;
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            return CompletableFuture.completedFuture((T) answer.apply(request));
        }

        @Override
        public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
                GetPendingJobExecutionsRequest request) {
            return handle(request);
        }

        @Override
        public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
                StartNextPendingJobExecutionRequest request) {
            return handle(request);
        }

        @Override
        public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(
                DescribeJobExecutionRequest request) {
            return handle(request);
        }

        @Override
        public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
            return handle(request);
        }
    }
}
