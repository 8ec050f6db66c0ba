package io.edgejobs.wire;

import static io.edgejobs.wire.Payloads.assertJson;
import static io.edgejobs.wire.Payloads.tree;
import static io.edgejobs.wire.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import io.edgejobs.api.jobs.JobsException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTPS rest-json data plane of the iot-jobs-data 2017-09-29 service model. */
class HttpJobsCodecTest {
    private final HttpJobsCodec codec = new HttpJobsCodec();

    private JobsRequest decode(String method, String path, String query, String body) {
        HttpRoute route = codec.route(method, path).orElseThrow();
        return codec.decodeRequest(route, HttpJobsCodec.parseQuery(query), body == null ? null : utf8(body));
    }

    @Nested
    class Routing {
        @Test
        void theFourOperationsOfTheServiceModelAreRouted() {
            assertEquals(Optional.of(new HttpRoute(JobsOperation.GET_PENDING_JOB_EXECUTIONS, "T1", null)),
                    codec.route("GET", "/things/T1/jobs"));
            assertEquals(Optional.of(new HttpRoute(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, "T1", "$next")),
                    codec.route("PUT", "/things/T1/jobs/$next"));
            assertEquals(Optional.of(new HttpRoute(JobsOperation.DESCRIBE_JOB_EXECUTION, "T1", "job-1")),
                    codec.route("GET", "/things/T1/jobs/job-1"));
            assertEquals(Optional.of(new HttpRoute(JobsOperation.UPDATE_JOB_EXECUTION, "T1", "job-1")),
                    codec.route("POST", "/things/T1/jobs/job-1"));
        }

        @Test
        void describeOfNextIsRoutedToDescribe() {
            assertEquals(Optional.of(new HttpRoute(JobsOperation.DESCRIBE_JOB_EXECUTION, "T1", "$next")),
                    codec.route("GET", "/things/T1/jobs/$next"));
        }

        @Test
        void pathSegmentsArePercentDecodedAfterSplitting() {
            // given an SDK that encodes "$" and ":" (ThingName allows [a-zA-Z0-9:_-])
            Optional<HttpRoute> route = codec.route("PUT", "/things/plant%3Aline-1/jobs/%24next");

            // then
            assertEquals(Optional.of(new HttpRoute(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, "plant:line-1",
                    "$next")), route);
            assertEquals("a/b", codec.route("GET", "/things/a%2Fb/jobs").orElseThrow().thingName());
        }

        @Test
        void queryPartOfThePathIsIgnored() {
            assertEquals("job1", codec.route("GET", "/things/T/jobs/job1?includeJobDocument=true")
                    .orElseThrow().jobId());
        }

        @ParameterizedTest
        @CsvSource({"DELETE,/things/T/jobs/j", "PUT,/things/T/jobs/j", "POST,/things/T/jobs", "PUT,/things/T/jobs",
            "GET,/things/T/jobs/j/extra", "GET,/things/T", "GET,/things//jobs", "GET,/things/T/jobs/",
            "GET,/thing/T/jobs", "get,/things/T/jobs", "GET,things/T/jobs", "GET,/things/%zz/jobs",
            "GET,/things/%C0%AF/jobs", "GET,/", "HEAD,/things/T/jobs"})
        void anythingElseMatchesNoOperation(String method, String path) {
            assertEquals(Optional.empty(), codec.route(method, path));
        }

        @Test
        void unknownRouteIsA404UnknownOperationException() {
            // when
            HttpJobsResponse response = codec.unknownRoute("DELETE", "/things/T/jobs/j");

            // then
            assertEquals(404, response.status());
            assertEquals("UnknownOperationException", response.errorType());
            assertEquals("application/json", response.headers().get("Content-Type"));
            assertJson("{\"message\":\"No operation matches DELETE /things/T/jobs/j\"}", response.body());
        }
    }

    @Nested
    class Requests {
        @Test
        void getPendingIgnoresBodyAndQuery() {
            assertEquals(new GetPendingJobExecutionsRequest("T", null),
                    decode("GET", "/things/T/jobs", "x=1", "not json at all"));
        }

        @Test
        void describeDoesNotIncludeTheDocumentByDefaultOverHttps() {
            // given the model: "When set to true, the response contains the job document. The default is false."
            // when
            JobsRequest request = decode("GET", "/things/T/jobs/job1", null, null);

            // then resolved explicitly, never null
            assertEquals(new DescribeJobExecutionRequest("T", "job1", null, false, null), request);
        }

        @Test
        void describeReadsExecutionNumberAndIncludeJobDocumentFromTheQuery() {
            assertEquals(new DescribeJobExecutionRequest("T", "job1", 3L, true, null),
                    decode("GET", "/things/T/jobs/job1", "executionNumber=3&includeJobDocument=true", null));
            assertEquals(new DescribeJobExecutionRequest("T", "job1", null, false, null),
                    decode("GET", "/things/T/jobs/job1", "includeJobDocument=FALSE&executionNumber=", null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"executionNumber=abc", "executionNumber=1.5", "executionNumber=99999999999999999999",
            "includeJobDocument=yes", "includeJobDocument=1"})
        void badDescribeQueryValueIsInvalidRequest(String query) {
            // when
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> decode("GET", "/things/T/jobs/job1", query, null));

            // then
            assertEquals(ErrorCode.InvalidRequest, e.code());
            assertNull(e.clientToken());
        }

        @Test
        void startNextReadsTheBodyShape() {
            assertEquals(new StartNextPendingJobExecutionRequest("T", Map.of("a", "b"), 20L, null),
                    decode("PUT", "/things/T/jobs/$next", null,
                            "{\"statusDetails\":{\"a\":\"b\"},\"stepTimeoutInMinutes\":20}"));
        }

        @Test
        void startNextWithoutBodyIsAnEmptyRequest() {
            assertEquals(new StartNextPendingJobExecutionRequest("T", null, null, null),
                    decode("PUT", "/things/T/jobs/$next", null, null));
        }

        @Test
        void updateReadsTheBodyShapeAndIgnoresAClientToken() {
            // given the members of UpdateJobExecutionRequest; clientToken is no member of the HTTPS shape
            String body = """
                    {"status":"SUCCEEDED","statusDetails":{"r":"ok"},"expectedVersion":2,"executionNumber":1,
                     "includeJobExecutionState":true,"includeJobDocument":false,"stepTimeoutInMinutes":5,
                     "clientToken":"ignored"}""";

            // when
            JobsRequest request = decode("POST", "/things/T/jobs/job1", null, body);

            // then
            assertEquals(new UpdateJobExecutionRequest("T", "job1", JobExecutionStatus.SUCCEEDED, Map.of("r", "ok"),
                    2L, 1L, true, false, 5L, null), request);
        }

        @Test
        void clientTokenOfTheWrongTypeIsIgnoredToo() {
            assertNull(decode("POST", "/things/T/jobs/job1", null, "{\"status\":\"FAILED\",\"clientToken\":7}")
                    .clientToken());
        }

        @Test
        void updateWithoutStatusIsInvalidRequest() {
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> decode("POST", "/things/T/jobs/job1", null, "{}"));
            assertEquals(ErrorCode.InvalidRequest, e.code());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"status\":5}", "{\"status\":\"IN_PROGRESS\",\"statusDetails\":\"x\"}",
            "{\"status\":\"IN_PROGRESS\",\"expectedVersion\":\"abc\"}", "[]"})
        void wrongTypedBodyIsInvalidRequest(String body) {
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> decode("POST", "/things/T/jobs/job1", null, body));
            assertEquals(ErrorCode.InvalidRequest, e.code());
        }

        @Test
        void brokenBodyIsInvalidJsonAnsweredAs400InvalidRequestException() {
            // given
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> decode("POST", "/things/T/jobs/job1", null, "{\"status\":"));

            // when
            HttpJobsResponse response = codec.encodeError(e);

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertEquals(400, response.status());
            assertEquals("InvalidRequestException", response.errorType());
            assertEquals(e.getMessage(), tree(response.body()).get("message").textValue());
        }

        @Test
        void anUnterminatedObjectIsDescribedWithLinesAndColumnsNotWithJacksonsSourceExcerpt() {
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> decode("POST", "/things/T/jobs/job1", null, "{\"status\":\"SUCCEEDED\",\"expectedVersion\":2"));

            assertEquals(ErrorCode.InvalidJson, e.code());
            assertFalse(e.getMessage().contains("Source:"), e.getMessage());
            assertFalse(e.getMessage().contains("StreamReadFeature"), e.getMessage());
            assertTrue(e.getMessage().contains("start marker at line 1, column 1"), e.getMessage());
        }

        @Test
        void queryStringParsingDecodesPlusAndEscapesAndKeepsRepeats() {
            assertEquals(Map.of("a", List.of("x y", "z"), "b", List.of(""), "c/d", List.of("%zz")),
                    HttpJobsCodec.parseQuery("a=x+y&b&c%2Fd=%zz&&a=z"));
            assertEquals(Map.of(), HttpJobsCodec.parseQuery(null));
        }
    }

    @Nested
    class Responses {
        private final JobExecution execution = new JobExecution("job1", "T", "{\"operation\":\"test\"}",
                JobExecutionStatus.IN_PROGRESS, Map.of("step", "1"), Instant.ofEpochSecond(1517016947),
                Instant.ofEpochSecond(1517017472), Instant.ofEpochMilli(1517017472123L), 2, 1, 3540L);

        @Test
        void describeIsTheModelShapeWithTheDocumentAsAStringAndNoTokenOrTimestamp() {
            // when
            HttpJobsResponse response = codec.encodeResponse(new DescribeJobExecutionResponse(execution,
                    Instant.ofEpochSecond(1517017500), "tok"));

            // then
            assertEquals(200, response.status());
            assertNull(response.errorType());
            assertJson("""
                    {"execution":{"jobId":"job1","thingName":"T","jobDocument":"{\\"operation\\":\\"test\\"}",
                     "status":"IN_PROGRESS","statusDetails":{"step":"1"},"queuedAt":1517016947,
                     "startedAt":1517017472,"lastUpdatedAt":1517017472,"approximateSecondsBeforeTimedOut":3540,
                     "versionNumber":2,"executionNumber":1}}""", response.body());
        }

        @Test
        void millisecondOptionWritesExecutionTimesInMilliseconds() {
            // given
            HttpJobsCodec millis = new HttpJobsCodec(TimestampUnit.MILLISECONDS);

            // when
            JsonNode body = tree(millis.encodeResponse(new StartNextPendingJobExecutionResponse(execution,
                    Instant.EPOCH, null)).body()).get("execution");

            // then
            assertEquals(1517016947000L, body.get("queuedAt").longValue());
            assertEquals(1517017472123L, body.get("lastUpdatedAt").longValue());
        }

        @Test
        void secondsIsTheDefaultUnit() {
            assertEquals(TimestampUnit.SECONDS, codec.timestampUnit());
        }

        @Test
        void startNextWithNothingPendingIsAnEmptyObject() {
            HttpJobsResponse response = codec.encodeResponse(new StartNextPendingJobExecutionResponse(null,
                    Instant.EPOCH, null));
            assertEquals(200, response.status());
            assertJson("{}", response.body());
        }

        @Test
        void getPendingHasBothListsAndNothingElse() {
            // given
            GetPendingJobExecutionsResponse pending = new GetPendingJobExecutionsResponse(List.of(execution.summary()),
                    List.of(new JobExecutionSummary("job2", Instant.ofEpochSecond(5), null, Instant.ofEpochSecond(5),
                            1, 1)), Instant.ofEpochSecond(6), "g");

            // when / then
            assertJson("""
                    {"inProgressJobs":[{"jobId":"job1","queuedAt":1517016947,"startedAt":1517017472,
                                        "lastUpdatedAt":1517017472,"versionNumber":2,"executionNumber":1}],
                     "queuedJobs":[{"jobId":"job2","queuedAt":5,"lastUpdatedAt":5,"versionNumber":1,
                                    "executionNumber":1}]}""", codec.encodeResponse(pending).body());
        }

        @Test
        void updateCarriesStateAndDocumentString() {
            // given
            UpdateJobExecutionResponse update = new UpdateJobExecutionResponse(execution.state(),
                    execution.jobDocument(), Instant.ofEpochSecond(9), "u");

            // when / then
            assertJson("""
                    {"executionState":{"status":"IN_PROGRESS","statusDetails":{"step":"1"},"versionNumber":2},
                     "jobDocument":"{\\"operation\\":\\"test\\"}"}""", codec.encodeResponse(update).body());
        }

        @Test
        void bodyBytesAreUtf8() {
            // given
            HttpJobsResponse response = codec.encodeError(new JobsException(ErrorCode.InvalidRequest, "caf\u00e9"));

            // then
            assertEquals(response.body(), new String(response.bodyBytes(), java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(response.bodyBytes().length > response.body().length());
        }
    }

    @Nested
    class Errors {
        private final JobExecutionState state = new JobExecutionState(JobExecutionStatus.SUCCEEDED, Map.of(), 4);

        @ParameterizedTest
        @EnumSource(ErrorCode.class)
        void everyCodeAnswersWithItsStatusAndExceptionType(ErrorCode code) {
            // when
            HttpJobsResponse response = codec.encodeError(new JobsException(code, "why"));

            // then
            assertEquals(code.httpStatus(), response.status());
            assertEquals(code.httpExceptionType(), response.errorType());
            assertEquals("application/json", response.headers().get("Content-Type"));
            assertEquals("why", tree(response.body()).get("message").textValue());
        }

        @ParameterizedTest
        @EnumSource(value = ErrorCode.class, names = {"InvalidStateTransition", "VersionMismatch"})
        void stateCarryingCodesAlsoCarryExecutionStateInTheBody(ErrorCode code) {
            // when
            HttpJobsResponse response = codec.encodeError(new JobsException(code, "current state attached", state));

            // then
            assertEquals(409, response.status());
            assertEquals("InvalidStateTransitionException", response.errorType());
            assertJson("{\"message\":\"current state attached\","
                    + "\"executionState\":{\"status\":\"SUCCEEDED\",\"versionNumber\":4}}", response.body());
        }

        @Test
        void errorResponseRecordIsAnsweredWithoutTokenAndTimestamp() {
            // when
            HttpJobsResponse response = codec.encodeError(new ErrorResponse(ErrorCode.ResourceNotFound,
                    "No job execution job9 for thing T", "tok", Instant.ofEpochSecond(1), null));

            // then
            assertEquals(404, response.status());
            assertEquals("ResourceNotFoundException", response.errorType());
            assertJson("{\"message\":\"No job execution job9 for thing T\"}", response.body());
        }

        @Test
        void errorWithoutMessageNamesItsCode() {
            HttpJobsResponse response = codec.encodeError(new ErrorResponse(ErrorCode.RequestThrottled, null, null,
                    Instant.EPOCH, null));
            assertEquals("RequestThrottled", tree(response.body()).get("message").textValue());
            assertFalse(tree(response.body()).has("executionState"));
        }
    }
}
