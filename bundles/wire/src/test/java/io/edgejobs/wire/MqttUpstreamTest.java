package io.edgejobs.wire;

import static io.edgejobs.wire.Payloads.assertJson;
import static io.edgejobs.wire.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway as a client of AWS IoT Core: requests it publishes, answers and notifications it reads. */
class MqttUpstreamTest {
    private static final String THING = "MyThing";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final MqttJobsCodec codec = new MqttJobsCodec(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Instant at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond);
    }

    @Nested
    class RequestsToAws {
        @Test
        void getPendingIsOnlyTheClientToken() {
            assertJson("{\"clientToken\":\"g\"}", codec.encodeRequest(new GetPendingJobExecutionsRequest(THING, "g")));
        }

        @Test
        void requestWithoutTokenIsAnEmptyObject() {
            assertJson("{}", codec.encodeRequest(new GetPendingJobExecutionsRequest(THING, null)));
        }

        @Test
        void updateSendsEveryGivenFieldAndTheIncludeFlagsOnlyWhenTrue() {
            // given
            UpdateJobExecutionRequest request = new UpdateJobExecutionRequest(THING, "job1",
                    JobExecutionStatus.IN_PROGRESS, Map.of("progress", "50%"), 3L, null, true, false, 30L, "u");

            // when
            byte[] payload = codec.encodeRequest(request);

            // then
            assertJson("""
                    {"status":"IN_PROGRESS","statusDetails":{"progress":"50%"},"expectedVersion":3,
                     "includeJobExecutionState":true,"stepTimeoutInMinutes":30,"clientToken":"u"}""", payload);
        }

        @Test
        void startNextSendsAnEmptyStatusDetailsObjectButLeavesOutNull() {
            assertJson("{\"statusDetails\":{}}",
                    codec.encodeRequest(new StartNextPendingJobExecutionRequest(THING, Map.of(), null, null)));
            assertJson("{\"stepTimeoutInMinutes\":5}",
                    codec.encodeRequest(new StartNextPendingJobExecutionRequest(THING, null, 5L, null)));
        }

        @Test
        void describeSendsTheResolvedIncludeJobDocument() {
            assertJson("{\"executionNumber\":2,\"includeJobDocument\":true,\"clientToken\":\"d\"}",
                    codec.encodeRequest(new DescribeJobExecutionRequest(THING, "job1", 2L, true, "d")));
            assertJson("{}", codec.encodeRequest(new DescribeJobExecutionRequest(THING, "job1", null, null, null)));
        }

        static Stream<JobsRequest> requests() {
            return Stream.of(
                    new GetPendingJobExecutionsRequest(THING, "g-1"),
                    new GetPendingJobExecutionsRequest(THING, null),
                    new StartNextPendingJobExecutionRequest(THING, Map.of("a", "b"), 10L, "s-1"),
                    new StartNextPendingJobExecutionRequest(THING, null, null, null),
                    new DescribeJobExecutionRequest(THING, "job1", 7L, false, "d-1"),
                    new DescribeJobExecutionRequest(THING, "$next", null, true, null),
                    new UpdateJobExecutionRequest(THING, "job1", JobExecutionStatus.SUCCEEDED,
                            Map.of("k", "v", "k2", "\u00e9\"\\"), 4L, 2L, true, true, -1L, "u-1"),
                    new UpdateJobExecutionRequest(THING, "job1", JobExecutionStatus.REJECTED, null, null, null,
                            false, false, null, null));
        }

        @ParameterizedTest
        @MethodSource("requests")
        void encodedRequestDecodesBackToTheSameRecord(JobsRequest request) {
            // given
            String jobId = request instanceof DescribeJobExecutionRequest d ? d.jobId()
                    : request instanceof UpdateJobExecutionRequest u ? u.jobId() : null;

            // when
            JobsRequest decoded = codec.decodeRequest(operationOf(request), THING, jobId,
                    codec.encodeRequest(request));

            // then
            assertEquals(request, decoded);
        }

        private JobsOperation operationOf(JobsRequest request) {
            if (request instanceof GetPendingJobExecutionsRequest) {
                return JobsOperation.GET_PENDING_JOB_EXECUTIONS;
            }
            if (request instanceof StartNextPendingJobExecutionRequest) {
                return JobsOperation.START_NEXT_PENDING_JOB_EXECUTION;
            }
            if (request instanceof DescribeJobExecutionRequest) {
                return JobsOperation.DESCRIBE_JOB_EXECUTION;
            }
            return JobsOperation.UPDATE_JOB_EXECUTION;
        }
    }

    @Nested
    class AnswersFromAws {
        @Test
        void startNextDocExampleIsReadWithMillisecondTimesAndTrailingComma() {
            // given the StartNextPendingJobExecution example of jobs-mqtt-api.md: times in ms, jobDocument a
            // string, and a trailing comma that makes it invalid JSON as printed; without the comma:
            String payload = """
                    {
                    "execution" : {
                        "jobId" : "022",
                        "thingName" : "MyThing",
                        "jobDocument" : "< contents of job document >",
                        "status" : "IN_PROGRESS",
                        "queuedAt" : 1489096123309,
                        "lastUpdatedAt" : 1489096123309,
                        "versionNumber" : 1,
                        "executionNumber" : 1234567890
                    },
                    "clientToken" : "client-1",
                    "timestamp" : 1489088524284
                    }""";

            // when
            StartNextPendingJobExecutionResponse response = codec.decodeStartNextResponse(THING, utf8(payload));

            // then
            assertEquals(new StartNextPendingJobExecutionResponse(new JobExecution("022", "MyThing",
                    "< contents of job document >", JobExecutionStatus.IN_PROGRESS, Map.of(),
                    Instant.ofEpochMilli(1489096123309L), null, Instant.ofEpochMilli(1489096123309L), 1, 1234567890,
                    null), Instant.ofEpochMilli(1489088524284L), "client-1"), response);
        }

        @Test
        void timestampsInSecondsAndMillisecondsAreBothRead() {
            // given the same instant in two units, on either side of the 10^11 threshold
            String seconds = "{\"inProgressJobs\":[],\"queuedJobs\":[],\"timestamp\":1517016948}";
            String millis = "{\"inProgressJobs\":[],\"queuedJobs\":[],\"timestamp\":1517016948000}";

            // when / then
            assertEquals(at(1517016948), codec.decodeGetPendingResponse(utf8(seconds)).timestamp());
            assertEquals(at(1517016948), codec.decodeGetPendingResponse(utf8(millis)).timestamp());
        }

        @Test
        void smallTimestampsOfTheNotificationExampleAreSeconds() {
            // given jobs-comm-notifications.md's first example, "timestamp" : 10011
            String payload = """
                    {
                      "timestamp" : 10011,
                      "jobs" : {
                        "IN_PROGRESS" : [ {
                          "jobId" : "other-job",
                          "queuedAt" : 10003,
                          "lastUpdatedAt" : 10009,
                          "executionNumber" : 1,
                          "versionNumber" : 1
                        } ],
                        "QUEUED" : [ {
                          "jobId" : "this-job",
                          "queuedAt" : 10011,
                          "lastUpdatedAt" : 10011,
                          "executionNumber" : 1,
                          "versionNumber" : 0
                        } ]
                      }
                    }""";

            // when
            JobExecutionsChangedEvent event = codec.decodeJobExecutionsChanged(utf8(payload));

            // then
            Map<JobExecutionStatus, List<JobExecutionSummary>> jobs = new LinkedHashMap<>();
            jobs.put(JobExecutionStatus.IN_PROGRESS,
                    List.of(new JobExecutionSummary("other-job", at(10003), null, at(10009), 1, 1)));
            jobs.put(JobExecutionStatus.QUEUED,
                    List.of(new JobExecutionSummary("this-job", at(10011), null, at(10011), 0, 1)));
            assertEquals(new JobExecutionsChangedEvent(jobs, at(10011)), event);
        }

        @Test
        void notifyNextExampleTakesTheThingNameFromTheTopicAndTheDocumentAsCompactText() {
            // given jobs-comm-notifications.md's notify-next example
            String payload = """
                    {
                      "timestamp" : 10011,
                      "execution" : {
                        "jobId" : "other-job",
                        "status" : "IN_PROGRESS",
                        "queuedAt" : 10009,
                        "lastUpdatedAt" : 10009,
                        "versionNumber" : 1,
                        "executionNumber" : 1,
                        "jobDocument" : {"c":"d"}
                      }
                    }""";

            // when
            NextJobExecutionChangedEvent event = codec.decodeNextJobExecutionChanged(THING, utf8(payload));

            // then
            assertEquals(new NextJobExecutionChangedEvent(new JobExecution("other-job", THING, "{\"c\":\"d\"}",
                    JobExecutionStatus.IN_PROGRESS, Map.of(), at(10009), null, at(10009), 1, 1, null), at(10011)),
                    event);
        }

        @Test
        void notifyNextWithOnlyATimestampMeansTheQueueIsEmpty() {
            assertEquals(new NextJobExecutionChangedEvent(null, at(1517189551)),
                    codec.decodeNextJobExecutionChanged(THING, utf8("{\"timestamp\": 1517189551}")));
        }

        @Test
        void notifyWithEmptyJobsIsAnEmptyEvent() {
            assertEquals(new JobExecutionsChangedEvent(Map.of(), at(1517189551)),
                    codec.decodeJobExecutionsChanged(utf8("{\"timestamp\": 1517189551, \"jobs\": {}}")));
        }

        @Test
        void notifyGroupOfAnUnknownStatusIsSkipped() {
            // when
            JobExecutionsChangedEvent event = codec.decodeJobExecutionsChanged(utf8(
                    "{\"timestamp\":1,\"jobs\":{\"SCHEDULED\":[{\"jobId\":\"s\"}],\"QUEUED\":[{\"jobId\":\"q\"}]}}"));

            // then
            assertEquals(List.of(JobExecutionStatus.QUEUED), List.copyOf(event.jobs().keySet()));
        }

        @Test
        void describeDocumentMayArriveAsObjectOrString() {
            // given
            String asObject = "{\"execution\":{\"jobId\":\"j\",\"status\":\"QUEUED\",\"jobDocument\":{\"a\":[1,2.50]}}}";
            String asString = "{\"execution\":{\"jobId\":\"j\",\"status\":\"QUEUED\",\"jobDocument\":\"{\\\"a\\\":[1,2.50]}\"}}";

            // when
            String fromObject = codec.decodeDescribeResponse(THING, "j", utf8(asObject)).execution().jobDocument();
            String fromString = codec.decodeDescribeResponse(THING, "j", utf8(asString)).execution().jobDocument();

            // then both are the same text, numbers as written
            assertEquals("{\"a\":[1,2.50]}", fromObject);
            assertEquals(fromObject, fromString);
        }

        @Test
        void unknownFieldsAndNumbersAsStringsAreTolerated() {
            // given
            String payload = """
                    {"execution":{"jobId":"j","status":"IN_PROGRESS","versionNumber":"3","executionNumber":2.0,
                     "queuedAt":"1517016947","startedAt":1517016948.5,"statusDetails":{"n":5,"ok":true,"s":"x"},
                     "approximateSecondsBeforeTimedOut":90,"retryAttempt":1,"newThing":{"x":[1]}},
                     "timestamp":1517016949,"clientToken":"c","somethingNew":true}""";

            // when
            JobExecution execution = codec.decodeDescribeResponse(THING, "j", utf8(payload)).execution();

            // then
            assertEquals(3, execution.versionNumber());
            assertEquals(2, execution.executionNumber());
            assertEquals(at(1517016947), execution.queuedAt());
            assertEquals(Instant.ofEpochSecond(1517016948, 500_000_000), execution.startedAt());
            assertEquals(Map.of("n", "5", "ok", "true", "s", "x"), execution.statusDetails());
            assertEquals(90L, execution.approximateSecondsBeforeTimedOut());
            assertEquals(THING, execution.thingName());
        }

        @Test
        void describeOfANamedJobFillsAMissingJobIdFromTheTopic() {
            assertEquals("job1", codec.decodeDescribeResponse(THING, "job1",
                    utf8("{\"execution\":{\"status\":\"QUEUED\"}}")).execution().jobId());
        }

        @Test
        void describeOfNextWithoutJobIdInTheExecutionIsMalformed() {
            // when
            WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decodeDescribeResponse(THING,
                    "$next", utf8("{\"execution\":{\"status\":\"QUEUED\"},\"clientToken\":\"c\"}")));

            // then the token lets the caller fail the matching pending request
            assertEquals(ErrorCode.InvalidRequest, e.code());
            assertEquals("c", e.clientToken());
        }

        @Test
        void updateAnswerReadsStateAndDocument() {
            // when
            UpdateJobExecutionResponse response = codec.decodeUpdateResponse(utf8("""
                    {"executionState":{"status":"SUCCEEDED","statusDetails":{"r":"ok"},"versionNumber":3},
                     "jobDocument":{"operation":"test"},"timestamp":1517186269,"clientToken":"u"}"""));

            // then
            assertEquals(new UpdateJobExecutionResponse(new JobExecutionState(JobExecutionStatus.SUCCEEDED,
                    Map.of("r", "ok"), 3), "{\"operation\":\"test\"}", at(1517186269), "u"), response);
        }

        @Test
        void emptyAnswerReadsAsAllAbsent() {
            assertEquals(new GetPendingJobExecutionsResponse(List.of(), List.of(), null, null),
                    codec.decodeGetPendingResponse(new byte[0]));
        }

        @Test
        void brokenAnswerIsInvalidJsonWithTheTokenWhenReadable() {
            // when
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> codec.decodeUpdateResponse(utf8("{\"clientToken\":\"c5\",\"executionState\":")));

            // then
            assertEquals(ErrorCode.InvalidJson, e.code());
            assertEquals("c5", e.clientToken());
        }

        @Test
        void executionWithAnUnknownStatusIsMalformed() {
            // when
            WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decodeStartNextResponse(THING,
                    utf8("{\"execution\":{\"jobId\":\"j\",\"status\":\"PAUSED\"}}")));

            // then
            assertEquals(ErrorCode.InvalidRequest, e.code());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"timestamp\":\"soon\"}", "{\"timestamp\":{}}", "{\"timestamp\":1e400}",
                "{\"inProgressJobs\":{}}", "{\"queuedJobs\":[1]}", "{\"queuedJobs\":[{\"queuedAt\":1}]}"})
        void unreadableValuesAreMalformedRatherThanGuessed(String payload) {
            assertThrows(WireFormatException.class, () -> codec.decodeGetPendingResponse(utf8(payload)));
        }
    }

    @Nested
    class ErrorsFromAws {
        @Test
        void versionMismatchCarriesTheCurrentState() {
            // given
            String payload = """
                    {"code":"VersionMismatch","message":"Version mismatch","clientToken":"u7","timestamp":1517189392,
                     "executionState":{"status":"IN_PROGRESS","statusDetails":{"p":"1"},"versionNumber":5}}""";

            // when
            ErrorResponse error = codec.decodeErrorResponse(utf8(payload));

            // then
            assertEquals(new ErrorResponse(ErrorCode.VersionMismatch, "Version mismatch", "u7", at(1517189392),
                    new JobExecutionState(JobExecutionStatus.IN_PROGRESS, Map.of("p", "1"), 5)), error);
        }

        @Test
        void codeThisApiDoesNotKnowBecomesInternalErrorKeepingTheOriginalCode() {
            // when
            ErrorResponse error = codec.decodeErrorResponse(utf8(
                    "{\"code\":\"QuotaExceeded\",\"message\":\"slow down\",\"clientToken\":\"q\",\"timestamp\":3}"));

            // then
            assertEquals(ErrorCode.InternalError, error.code());
            assertEquals("[QuotaExceeded] slow down", error.message());
            assertEquals("q", error.clientToken());
        }

        @Test
        void errorWithoutTimestampIsStampedWithTheClock() {
            assertEquals(NOW, codec.decodeErrorResponse(utf8("{\"code\":\"RequestThrottled\"}")).timestamp());
        }

        @Test
        void encodedErrorDecodesBackToTheSameRecord() {
            // given
            ErrorResponse error = new ErrorResponse(ErrorCode.InvalidStateTransition, "terminal", "t", at(99),
                    new JobExecutionState(JobExecutionStatus.SUCCEEDED, Map.of(), 2));

            // when / then
            assertEquals(error, codec.decodeErrorResponse(codec.encodeError(error)));
        }
    }

    @Nested
    class RoundTrips {
        private final JobExecution execution = new JobExecution("job1", THING, "{\"op\":\"x\",\"n\":[1,2]}",
                JobExecutionStatus.IN_PROGRESS, Map.of("step", "1"), at(1517016947), at(1517017472), at(1517017472),
                2, 1, null);

        @Test
        void describeAnswerRoundTripsWhenTimesAreWholeSeconds() {
            DescribeJobExecutionResponse response = new DescribeJobExecutionResponse(execution, at(1517017500), "d");
            assertEquals(response, codec.decodeDescribeResponse(THING, "job1", codec.encodeResponse(response)));
        }

        @Test
        void subSecondPrecisionIsTruncatedOnTheMqttWire() {
            // given
            DescribeJobExecutionResponse response = new DescribeJobExecutionResponse(execution,
                    Instant.ofEpochSecond(1517017500, 999_000_000), "d");

            // when
            DescribeJobExecutionResponse decoded = codec.decodeDescribeResponse(THING, "job1",
                    codec.encodeResponse(response));

            // then
            assertEquals(at(1517017500), decoded.timestamp());
        }

        @Test
        void startNextAnswerRoundTrips() {
            StartNextPendingJobExecutionResponse response = new StartNextPendingJobExecutionResponse(execution,
                    at(1517017500), "s");
            assertEquals(response, codec.decodeStartNextResponse(THING, codec.encodeResponse(response)));
        }

        @Test
        void getPendingAnswerRoundTrips() {
            GetPendingJobExecutionsResponse response = new GetPendingJobExecutionsResponse(
                    List.of(execution.summary()), List.of(new JobExecutionSummary("job2", at(5), null, at(5), 1, 1)),
                    at(6), "g");
            assertEquals(response, codec.decodeGetPendingResponse(codec.encodeResponse(response)));
        }

        @Test
        void notifyNextRoundTripsWithTheThingNameFromTheTopic() {
            NextJobExecutionChangedEvent event = new NextJobExecutionChangedEvent(execution, at(7));
            assertEquals(event, codec.decodeNextJobExecutionChanged(THING, codec.encodeNotification(event)));
        }

        @Test
        void notifyRoundTrips() {
            Map<JobExecutionStatus, List<JobExecutionSummary>> jobs = new LinkedHashMap<>();
            jobs.put(JobExecutionStatus.IN_PROGRESS, List.of(execution.summary()));
            JobExecutionsChangedEvent event = new JobExecutionsChangedEvent(jobs, at(8));
            assertEquals(event, codec.decodeJobExecutionsChanged(codec.encodeNotification(event)));
        }
    }

    @Nested
    class ClientTokenExtraction {
        @Test
        void topLevelTokenIsFound() {
            assertEquals(Optional.of("abc"), codec.clientToken(utf8(
                    "{\"execution\":{\"jobId\":\"j\",\"statusDetails\":{\"clientToken\":\"nested\"}},\"clientToken\":\"abc\"}")));
        }

        @Test
        void nestedFieldOfTheSameNameIsNotTheToken() {
            assertEquals(Optional.empty(), codec.clientToken(utf8("{\"statusDetails\":{\"clientToken\":\"nested\"}}")));
        }

        @Test
        void tokenIsFoundInABrokenPayload() {
            assertEquals(Optional.of("b"), codec.clientToken(utf8("{\"clientToken\":\"b\",\"x\":")));
            assertEquals(Optional.of("late"), codec.clientToken(utf8("{\"x\": oops, \"clientToken\": \"late\"}")));
        }

        @Test
        void missingEmptyOrNonStringTokenIsEmpty() {
            assertEquals(Optional.empty(), codec.clientToken(utf8("{\"timestamp\":1}")));
            assertEquals(Optional.empty(), codec.clientToken(new byte[0]));
            assertEquals(Optional.empty(), codec.clientToken(null));
            assertEquals(Optional.empty(), codec.clientToken(utf8("{\"clientToken\":5}")));
            assertEquals(Optional.empty(), codec.clientToken(utf8("[\"clientToken\"]")));
        }

        @Test
        void tokenWithEscapesIsUnescaped() {
            assertEquals(Optional.of("a\"b\u00e9"), codec.clientToken(utf8("{\"clientToken\":\"a\\\"b\\u00e9\"}")));
        }

        @Test
        void emptyStringTokenIsAToken() {
            Optional<String> token = codec.clientToken(utf8("{\"clientToken\":\"\"}"));
            assertTrue(token.isPresent());
            assertEquals("", token.get());
        }

        @Test
        void tokenOfAnErrorResponseIsNullWhenAbsent() {
            assertNull(codec.decodeErrorResponse(utf8("{\"code\":\"InternalError\",\"timestamp\":1}")).clientToken());
        }
    }
}
