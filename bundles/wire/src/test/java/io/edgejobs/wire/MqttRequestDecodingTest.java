package io.edgejobs.wire;

import static io.edgejobs.wire.Payloads.concat;
import static io.edgejobs.wire.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobExecutionStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Device requests over MQTT (jobs-mqtt-api.md request payloads) into the api request records. */
class MqttRequestDecodingTest {
    private static final String THING = "MyThing";

    private final MqttJobsCodec codec = new MqttJobsCodec();

    private JobsRequest decode(JobsOperation operation, String jobId, String payload) {
        return codec.decodeRequest(operation, THING, jobId, utf8(payload));
    }

    private WireFormatException rejected(JobsOperation operation, String jobId, byte[] payload) {
        return assertThrows(WireFormatException.class, () -> codec.decodeRequest(operation, THING, jobId, payload));
    }

    private WireFormatException rejectedUpdate(String payload) {
        return rejected(JobsOperation.UPDATE_JOB_EXECUTION, "job1", utf8(payload));
    }

    @Nested
    class WellFormedRequests {
        @Test
        void getPendingCarriesTheClientTokenOfTheDocExample() {
            // given the doc's request payload { "clientToken": "string" }
            String payload = "{ \"clientToken\": \"client-001\" }";

            // when
            JobsRequest request = decode(JobsOperation.GET_PENDING_JOB_EXECUTIONS, null, payload);

            // then
            assertEquals(new GetPendingJobExecutionsRequest(THING, "client-001"), request);
        }

        @Test
        void startNextReadsStatusDetailsStepTimeoutAndToken() {
            // given
            String payload = """
                    {"statusDetails": {"step": "download", "progress": "10%"},
                     "stepTimeoutInMinutes": 15, "clientToken": "c-1"}""";

            // when
            JobsRequest request = decode(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, null, payload);

            // then
            assertEquals(new StartNextPendingJobExecutionRequest(THING,
                    Map.of("step", "download", "progress", "10%"), 15L, "c-1"), request);
        }

        @Test
        void startNextWithoutStatusDetailsLeavesThemUnchangedAsNull() {
            // given
            String payload = "{}";

            // when
            StartNextPendingJobExecutionRequest request = (StartNextPendingJobExecutionRequest) decode(
                    JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, null, payload);

            // then
            assertNull(request.statusDetails());
            assertNull(request.stepTimeoutInMinutes());
            assertNull(request.clientToken());
        }

        @Test
        void describeReadsExecutionNumberAndIncludeJobDocumentFalse() {
            // given
            String payload = "{\"executionNumber\": 2, \"includeJobDocument\": false, \"clientToken\": \"d\"}";

            // when
            JobsRequest request = decode(JobsOperation.DESCRIBE_JOB_EXECUTION, "job1", payload);

            // then
            assertEquals(new DescribeJobExecutionRequest(THING, "job1", 2L, false, "d"), request);
        }

        @Test
        void describeKeepsTheNextPseudoJobIdFromTheTopic() {
            // when
            DescribeJobExecutionRequest request = (DescribeJobExecutionRequest) decode(
                    JobsOperation.DESCRIBE_JOB_EXECUTION, "$next", "{}");

            // then
            assertTrue(request.isNext());
        }

        @Test
        void updateReadsEveryFieldOfTheDocRequestSyntax() {
            // given every field of the UpdateJobExecution request payload syntax
            String payload = """
                    {"status": "IN_PROGRESS", "statusDetails": {"progress": "50%"}, "expectedVersion": 3,
                     "executionNumber": 1, "includeJobExecutionState": true, "includeJobDocument": true,
                     "stepTimeoutInMinutes": 30, "clientToken": "u-1"}""";

            // when
            JobsRequest request = decode(JobsOperation.UPDATE_JOB_EXECUTION, "job1", payload);

            // then
            assertEquals(new UpdateJobExecutionRequest(THING, "job1", JobExecutionStatus.IN_PROGRESS,
                    Map.of("progress", "50%"), 3L, 1L, true, true, 30L, "u-1"), request);
        }

        @Test
        void updateWithEmptyStatusDetailsObjectIsAnEmptyMapNotNull() {
            // when
            UpdateJobExecutionRequest request = (UpdateJobExecutionRequest) decode(
                    JobsOperation.UPDATE_JOB_EXECUTION, "job1", "{\"status\":\"SUCCEEDED\",\"statusDetails\":{}}");

            // then
            assertEquals(Map.of(), request.statusDetails());
        }

        @Test
        void statusWhichOnlyTheServiceMaySetIsStillDecodedForTheValidatorToJudge() {
            // when
            UpdateJobExecutionRequest request = (UpdateJobExecutionRequest) decode(
                    JobsOperation.UPDATE_JOB_EXECUTION, "job1", "{\"status\":\"QUEUED\"}");

            // then
            assertEquals(JobExecutionStatus.QUEUED, request.status());
        }

        @Test
        void unknownFieldsAreIgnoredLikeAwsDoes() {
            // given
            String payload = "{\"status\":\"FAILED\",\"foo\":{\"bar\":[1,2]},\"clientToken\":\"t\",\"x\":null}";

            // when
            UpdateJobExecutionRequest request = (UpdateJobExecutionRequest) decode(
                    JobsOperation.UPDATE_JOB_EXECUTION, "job1", payload);

            // then
            assertEquals(JobExecutionStatus.FAILED, request.status());
            assertEquals("t", request.clientToken());
        }

        @Test
        void jsonNullFieldsCountAsAbsent() {
            // given
            String payload = "{\"status\":\"IN_PROGRESS\",\"statusDetails\":null,\"expectedVersion\":null,"
                    + "\"clientToken\":null,\"includeJobDocument\":null}";

            // when
            UpdateJobExecutionRequest request = (UpdateJobExecutionRequest) decode(
                    JobsOperation.UPDATE_JOB_EXECUTION, "job1", payload);

            // then
            assertNull(request.statusDetails());
            assertNull(request.expectedVersion());
            assertNull(request.clientToken());
            assertFalse(request.includeJobDocument());
        }

        @Test
        void leadingByteOrderMarkIsIgnored() {
            // given
            byte[] payload = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{\"clientToken\":\"b\"}"));

            // when
            JobsRequest request = codec.decodeRequest(JobsOperation.GET_PENDING_JOB_EXECUTIONS, THING, null, payload);

            // then
            assertEquals("b", request.clientToken());
        }

        @Test
        void nonAsciiTextSurvivesDecoding() {
            // when
            UpdateJobExecutionRequest request = (UpdateJobExecutionRequest) decode(JobsOperation.UPDATE_JOB_EXECUTION,
                    "job1", "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"msg\":\"Temp 21\u00b0C \u2713\"}}");

            // then
            assertEquals("Temp 21\u00b0C \u2713", request.statusDetails().get("msg"));
        }
    }

    @Nested
    class Defaults {
        @Test
        void describeIncludesTheJobDocumentUnlessFalseIsSentOverMqtt() {
            // given jobs-mqtt-api.md: "Unless set to false, the response contains the job document. The default
            // is true."
            String payload = "{\"clientToken\":\"x\"}";

            // when
            DescribeJobExecutionRequest request = (DescribeJobExecutionRequest) decode(
                    JobsOperation.DESCRIBE_JOB_EXECUTION, "job1", payload);

            // then resolved explicitly, never null
            assertEquals(Boolean.TRUE, request.includeJobDocument());
            assertNull(request.executionNumber());
        }

        @Test
        void updateIncludesNeitherStateNorDocumentByDefault() {
            // when
            UpdateJobExecutionRequest request = (UpdateJobExecutionRequest) decode(
                    JobsOperation.UPDATE_JOB_EXECUTION, "job1", "{\"status\":\"SUCCEEDED\"}");

            // then
            assertFalse(request.includeJobExecutionState());
            assertFalse(request.includeJobDocument());
        }

        @Test
        void zeroLengthPayloadReadsAsAnEmptyObject() {
            // when
            JobsRequest get = codec.decodeRequest(JobsOperation.GET_PENDING_JOB_EXECUTIONS, THING, null, new byte[0]);
            JobsRequest describe = codec.decodeRequest(JobsOperation.DESCRIBE_JOB_EXECUTION, THING, "$next", null);

            // then
            assertEquals(new GetPendingJobExecutionsRequest(THING, null), get);
            assertEquals(new DescribeJobExecutionRequest(THING, "$next", null, true, null), describe);
        }

        @Test
        void whitespaceOnlyPayloadReadsAsAnEmptyObject() {
            // when
            JobsRequest request = decode(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, null, " \r\n\t ");

            // then
            assertEquals(new StartNextPendingJobExecutionRequest(THING, null, null, null), request);
        }

        @Test
        void emptyPayloadOnUpdateStillLacksTheRequiredStatus() {
            // when
            WireFormatException e = rejected(JobsOperation.UPDATE_JOB_EXECUTION, "job1", new byte[0]);

            // then
            assertEquals(ErrorCode.InvalidRequest, e.code());
        }
    }

    @Nested
    class InvalidJson {
        @ParameterizedTest
        @ValueSource(strings = {"{", "{\"status\": }", "{\"a\":1,}", "{'status':'IN_PROGRESS'}", "nope",
                "{\"a\":1} trailing", "{}{}", "{\"a\":\"\\q\"}", "{\"a\":1 /* comment */}", "{\"a\":NaN}"})
        void brokenJsonIsInvalidJson(String payload) {
            // when
            WireFormatException e = rejected(JobsOperation.GET_PENDING_JOB_EXECUTIONS, null, utf8(payload));

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
        }

        @Test
        void unescapedControlCharacterInAStringIsInvalidJson() {
            // when
            WireFormatException e = rejected(JobsOperation.GET_PENDING_JOB_EXECUTIONS, null,
                    utf8("{\"clientToken\":\"a\u0001b\"}"));

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
        }

        @Test
        void absurdlyDeepNestingIsRefusedAsInvalidJsonWithoutBlowingTheStack() {
            // given 5000 nested arrays, beyond Jackson's default nesting limit of 1000
            String payload = "{\"clientToken\":\"deep\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

            // when
            WireFormatException e = rejected(JobsOperation.GET_PENDING_JOB_EXECUTIONS, null, utf8(payload));

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertEquals("deep", e.clientToken());
        }

        @Test
        void duplicateFieldIsInvalidJsonSoNoTwoReadersDisagree() {
            // when
            WireFormatException e = rejectedUpdate("{\"status\":\"IN_PROGRESS\",\"status\":\"SUCCEEDED\"}");

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
        }

        @Test
        void loneContinuationByteIsInvalidJson() {
            // given
            byte[] payload = concat(utf8("{\"clientToken\":\"t1\",\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"a\":\""),
                    new byte[] {(byte) 0x80}, utf8("\"}}"));

            // when
            WireFormatException e = rejected(JobsOperation.UPDATE_JOB_EXECUTION, "job1", payload);

            // then the token is still echoed, read from the intact part of the payload
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertEquals("t1", e.clientToken());
        }

        @Test
        void overlongEncodingIsInvalidJson() {
            // given "/" encoded in two bytes (C0 AF), which UTF-8 forbids
            byte[] payload = concat(utf8("{\"clientToken\":\"a"), new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("\"}"));

            // when
            WireFormatException e = rejected(JobsOperation.GET_PENDING_JOB_EXECUTIONS, null, payload);

            // then the damaged token cannot be echoed
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertNull(e.clientToken());
        }

        @Test
        void encodedSurrogateIsInvalidJson() {
            // given U+D800 encoded as ED A0 80, which UTF-8 forbids
            byte[] payload = concat(utf8("{\"statusDetails\":{\"a\":\""), new byte[] {(byte) 0xED, (byte) 0xA0,
                    (byte) 0x80}, utf8("\"},\"clientToken\":\"after\"}"));

            // when
            WireFormatException e = rejected(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, null, payload);

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertEquals("after", e.clientToken());
        }

        @Test
        void truncatedMultiByteSequenceIsInvalidJson() {
            // given the first byte of a three-byte sequence at the very end
            byte[] payload = concat(utf8("{\"clientToken\":\"x\"}"), new byte[] {(byte) 0xE2});

            // when
            WireFormatException e = rejected(JobsOperation.GET_PENDING_JOB_EXECUTIONS, null, payload);

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertEquals("x", e.clientToken());
        }

        @Test
        void clientTokenBeforeTheSyntaxErrorIsEchoed() {
            // when
            WireFormatException e = rejectedUpdate("{\"clientToken\":\"tok-7\",\"status\": IN_PROGRESS}");

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertEquals("tok-7", e.clientToken());
        }

        @Test
        void clientTokenAfterTheSyntaxErrorIsFoundBestEffort() {
            // when
            WireFormatException e = rejectedUpdate("{\"status\": IN_PROGRESS, \"clientToken\": \"late\\u0021\"}");

            // then the escape is decoded as JSON would decode it
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertEquals("late!", e.clientToken());
        }

        @Test
        void brokenPayloadWithoutAnyClientTokenHasNone() {
            // when
            WireFormatException e = rejectedUpdate("{\"status\": IN_PROGRESS");

            // then
            assertNull(e.clientToken());
        }

        @Test
        void theErrorResponseEchoesTheTokenAndHasNoExecutionState() {
            // given
            WireFormatException e = rejectedUpdate("{\"clientToken\":\"c9\",");
            Instant now = Instant.ofEpochSecond(1517016948);

            // when
            ErrorResponse response = e.toErrorResponse(now);

            // then
            assertEquals(new ErrorResponse(ErrorCode.InvalidJson, e.getMessage(), "c9", now, null), response);
        }

        @Test
        void messageDoesNotQuoteThePayload() {
            // when
            WireFormatException e = rejectedUpdate("{\"secret-ish\": oops}");

            // then
            assertFalse(e.getMessage().contains("secret-ish"), e.getMessage());
            assertTrue(e.getMessage().startsWith("Payload is not valid JSON"), e.getMessage());
        }
    }

    @Nested
    class InvalidRequest {
        @ParameterizedTest
        @ValueSource(strings = {"[]", "[{\"clientToken\":\"a\"}]", "\"text\"", "5", "true", "null"})
        void jsonThatIsNotAnObjectIsInvalidRequest(String payload) {
            // when
            WireFormatException e = rejected(JobsOperation.GET_PENDING_JOB_EXECUTIONS, null, utf8(payload));

            // then
            assertEquals(ErrorCode.InvalidRequest, e.code());
            assertNull(e.clientToken());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"clientToken\":\"ct\",\"status\":5}",
            "{\"clientToken\":\"ct\",\"status\":[\"IN_PROGRESS\"]}",
            "{\"clientToken\":\"ct\",\"status\":\"DONE\"}",
            "{\"clientToken\":\"ct\",\"status\":\"in_progress\"}",
            "{\"clientToken\":\"ct\"}",
            "{\"clientToken\":\"ct\",\"status\":null}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"statusDetails\":\"x\"}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"statusDetails\":[]}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"a\":5}}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"a\":true}}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"a\":null}}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"a\":{\"b\":\"c\"}}}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"expectedVersion\":\"abc\"}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"expectedVersion\":\"3\"}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"expectedVersion\":1.5}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"expectedVersion\":1e3}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"expectedVersion\":99999999999999999999}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"executionNumber\":true}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"stepTimeoutInMinutes\":\"10\"}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"includeJobExecutionState\":1}",
            "{\"clientToken\":\"ct\",\"status\":\"IN_PROGRESS\",\"includeJobDocument\":\"true\"}"
        })
        void wrongTypedOrMissingUpdateFieldIsInvalidRequestEchoingTheToken(String payload) {
            // when
            WireFormatException e = rejectedUpdate(payload);

            // then
            assertEquals(ErrorCode.InvalidRequest, e.code());
            assertEquals("ct", e.clientToken());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"clientToken\":\"ct\",\"executionNumber\":\"1\"}",
            "{\"clientToken\":\"ct\",\"executionNumber\":2.0}",
            "{\"clientToken\":\"ct\",\"includeJobDocument\":\"false\"}",
            "{\"clientToken\":\"ct\",\"includeJobDocument\":0}"
        })
        void wrongTypedDescribeFieldIsInvalidRequestEchoingTheToken(String payload) {
            // when
            WireFormatException e = rejected(JobsOperation.DESCRIBE_JOB_EXECUTION, "job1", utf8(payload));

            // then
            assertEquals(ErrorCode.InvalidRequest, e.code());
            assertEquals("ct", e.clientToken());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"clientToken\":\"ct\",\"statusDetails\":\"x\"}",
            "{\"clientToken\":\"ct\",\"statusDetails\":{\"k\":1}}",
            "{\"clientToken\":\"ct\",\"stepTimeoutInMinutes\":\"abc\"}",
            "{\"clientToken\":\"ct\",\"stepTimeoutInMinutes\":{}}"
        })
        void wrongTypedStartNextFieldIsInvalidRequestEchoingTheToken(String payload) {
            // when
            WireFormatException e = rejected(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, null, utf8(payload));

            // then
            assertEquals(ErrorCode.InvalidRequest, e.code());
            assertEquals("ct", e.clientToken());
        }

        @Test
        void tokenAfterTheBadFieldIsStillEchoed() {
            // when
            WireFormatException e = rejectedUpdate("{\"status\":5,\"clientToken\":\"last\"}");

            // then
            assertEquals("last", e.clientToken());
        }

        @Test
        void clientTokenThatIsNotAStringIsInvalidRequestWithoutToken() {
            // when
            WireFormatException e = rejected(JobsOperation.GET_PENDING_JOB_EXECUTIONS, null,
                    utf8("{\"clientToken\":42}"));

            // then
            assertEquals(ErrorCode.InvalidRequest, e.code());
            assertNull(e.clientToken());
        }

        @Test
        void messageNamesTheOffendingField() {
            // when
            WireFormatException e = rejectedUpdate("{\"status\":\"IN_PROGRESS\",\"expectedVersion\":\"abc\"}");

            // then
            assertTrue(e.getMessage().contains("expectedVersion"), e.getMessage());
        }

        @Test
        void missingStatusIsReportedAsRequired() {
            // when
            WireFormatException e = rejectedUpdate("{\"statusDetails\":{}}");

            // then
            assertEquals("status is required", e.getMessage());
        }

        @Test
        void semanticRulesAreLeftToTheValidator() {
            // given values of the right JSON type that break AWS's patterns and ranges
            String payload = "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"bad key!\":\"\"},"
                    + "\"expectedVersion\":-1,\"stepTimeoutInMinutes\":0,\"clientToken\":\"" + "x".repeat(200) + "\"}";

            // when
            UpdateJobExecutionRequest request = (UpdateJobExecutionRequest) decode(
                    JobsOperation.UPDATE_JOB_EXECUTION, "job1", payload);

            // then the codec decodes them as sent
            assertEquals(-1L, request.expectedVersion());
            assertEquals(0L, request.stepTimeoutInMinutes());
            assertEquals(Map.of("bad key!", ""), request.statusDetails());
        }
    }
}
