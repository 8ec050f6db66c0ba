package io.edgejobs.wire;

import static io.edgejobs.wire.Payloads.assertJson;
import static io.edgejobs.wire.Payloads.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Payloads the gateway publishes to devices, pinned against the examples of jobs-mqtt-api.md,
 * jobs-comm-notifications.md and jobs-api.md (ErrorResponse).
 */
class MqttResponseEncodingTest {
    private final MqttJobsCodec codec = new MqttJobsCodec();

    private static Instant at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond);
    }

    private static JobExecutionSummary summary(String jobId, long queuedAt, Long startedAt, long lastUpdatedAt,
            long version) {
        return new JobExecutionSummary(jobId, at(queuedAt), startedAt == null ? null : at(startedAt),
                at(lastUpdatedAt), version, 1);
    }

    @Nested
    class Notifications {
        @Test
        void notifyMatchesTheThreeJobsExampleOfJobsCommNotifications() {
            // given the state after job3 is added: job1 IN_PROGRESS, job2 and job3 QUEUED
            Map<JobExecutionStatus, List<JobExecutionSummary>> jobs = new LinkedHashMap<>();
            jobs.put(JobExecutionStatus.QUEUED, List.of(summary("job2", 1517017191, null, 1517017191, 1),
                    summary("job3", 1517017905, null, 1517017905, 1)));
            jobs.put(JobExecutionStatus.IN_PROGRESS, List.of(summary("job1", 1517016947, 1517017472L, 1517017472, 2)));

            // when
            byte[] payload = codec.encodeNotification(new JobExecutionsChangedEvent(jobs, at(1517017906)));

            // then the AWS example, verbatim
            assertJson("""
                    {
                      "timestamp": 1517017906,
                      "jobs": {
                        "IN_PROGRESS": [
                          {
                            "jobId": "job1",
                            "queuedAt": 1517016947,
                            "lastUpdatedAt": 1517017472,
                            "startedAt": 1517017472,
                            "executionNumber": 1,
                            "versionNumber": 2
                          }
                        ],
                        "QUEUED": [
                          {
                            "jobId": "job2",
                            "queuedAt": 1517017191,
                            "lastUpdatedAt": 1517017191,
                            "executionNumber": 1,
                            "versionNumber": 1
                          },
                          {
                            "jobId": "job3",
                            "queuedAt": 1517017905,
                            "lastUpdatedAt": 1517017905,
                            "executionNumber": 1,
                            "versionNumber": 1
                          }
                        ]
                      }
                    }""", payload);
        }

        @Test
        void notifyListsInProgressBeforeQueuedWhateverTheMapOrder() {
            // given QUEUED put first
            Map<JobExecutionStatus, List<JobExecutionSummary>> jobs = new LinkedHashMap<>();
            jobs.put(JobExecutionStatus.QUEUED, List.of(summary("q", 1, null, 1, 1)));
            jobs.put(JobExecutionStatus.IN_PROGRESS, List.of(summary("p", 1, 2L, 2, 2)));

            // when
            String text = Payloads.text(codec.encodeNotification(new JobExecutionsChangedEvent(jobs, at(3))));

            // then
            assertTrue(text.indexOf("IN_PROGRESS") < text.indexOf("QUEUED"), text);
        }

        @Test
        void notifyWithNothingPendingIsAnEmptyJobsObject() {
            // when
            byte[] payload = codec.encodeNotification(new JobExecutionsChangedEvent(Map.of(), at(1517189551)));

            // then jobs-comm-notifications.md after job3 is force deleted
            assertJson("{\"timestamp\": 1517189551, \"jobs\": {}}", payload);
        }

        @Test
        void notifyLeavesOutEmptyGroups() {
            // given
            Map<JobExecutionStatus, List<JobExecutionSummary>> jobs = new LinkedHashMap<>();
            jobs.put(JobExecutionStatus.IN_PROGRESS, List.of());
            jobs.put(JobExecutionStatus.QUEUED, List.of(summary("job2", 1517017191, null, 1517017191, 1)));

            // when
            byte[] payload = codec.encodeNotification(new JobExecutionsChangedEvent(jobs, at(1517186269)));

            // then
            assertFalse(tree(payload).get("jobs").has("IN_PROGRESS"));
        }

        @Test
        void notifyNextMatchesTheJob3ExampleWithoutThingNameAndWithTheDocumentAsObject() {
            // given
            JobExecution job3 = new JobExecution("job3", "MyThing", "{\"operation\":\"test\"}",
                    JobExecutionStatus.IN_PROGRESS, Map.of(), at(1517017905), at(1517186779), at(1517186779), 2, 1,
                    600L);

            // when
            byte[] payload = codec.encodeNotification(new NextJobExecutionChangedEvent(job3, at(1517186779)));

            // then the AWS example, verbatim
            assertJson("""
                    {
                      "timestamp": 1517186779,
                      "execution": {
                        "jobId": "job3",
                        "status": "IN_PROGRESS",
                        "queuedAt": 1517017905,
                        "startedAt": 1517186779,
                        "lastUpdatedAt": 1517186779,
                        "versionNumber": 2,
                        "executionNumber": 1,
                        "jobDocument": {
                          "operation": "test"
                        }
                      }
                    }""", payload);
        }

        @Test
        void notifyNextWithAnEmptyQueueIsOnlyTheTimestamp() {
            // when
            byte[] payload = codec.encodeNotification(new NextJobExecutionChangedEvent(null, at(1517189551)));

            // then
            assertJson("{\"timestamp\": 1517189551}", payload);
        }
    }

    @Nested
    class Responses {
        private final JobExecution queued = new JobExecution("022", "MyThing", "{\"url\":\"https://x/y\",\"n\":1.50}",
                JobExecutionStatus.QUEUED, Map.of(), at(1489096123), null, at(1489096123), 1, 1234567890, null);

        @Test
        void startNextHasTheShapeOfTheDocExampleButTimesInSeconds() {
            // given the doc example's execution (its times are shown in ms there: 1489096123309)
            JobExecution started = new JobExecution("022", "MyThing", "{\"a\":\"b\"}", JobExecutionStatus.IN_PROGRESS,
                    Map.of(), Instant.ofEpochMilli(1489096123309L), null, Instant.ofEpochMilli(1489096123309L), 1,
                    1234567890, null);

            // when
            byte[] payload = codec.encodeResponse(new StartNextPendingJobExecutionResponse(started,
                    Instant.ofEpochMilli(1489088524284L), "client-1"));

            // then
            assertJson("""
                    {
                    "execution" : {
                        "jobId" : "022",
                        "thingName" : "MyThing",
                        "jobDocument" : {"a": "b"},
                        "status" : "IN_PROGRESS",
                        "queuedAt" : 1489096123,
                        "lastUpdatedAt" : 1489096123,
                        "versionNumber" : 1,
                        "executionNumber" : 1234567890
                    },
                    "clientToken" : "client-1",
                    "timestamp" : 1489088524
                    }""", payload);
        }

        @Test
        void startNextWithNothingPendingHasNoExecutionField() {
            // when
            byte[] payload = codec.encodeResponse(new StartNextPendingJobExecutionResponse(null, at(10), "c"));

            // then
            assertJson("{\"timestamp\":10,\"clientToken\":\"c\"}", payload);
        }

        @Test
        void describeEmbedsTheDocumentAsAJsonObjectKeepingItsNumbersAsWritten() {
            // when
            byte[] payload = codec.encodeResponse(new DescribeJobExecutionResponse(queued, at(1489096200), "d"));

            // then
            JsonNode document = tree(payload).get("execution").get("jobDocument");
            assertTrue(document.isObject());
            assertTrue(Payloads.text(payload).contains("\"n\":1.50"), Payloads.text(payload));
        }

        @Test
        void queuedExecutionHasNoStartedAtAndNoEmptyStatusDetails() {
            // when
            JsonNode execution = tree(codec.encodeResponse(new DescribeJobExecutionResponse(queued, at(1), null)))
                    .get("execution");

            // then
            assertFalse(execution.has("startedAt"));
            assertFalse(execution.has("statusDetails"));
        }

        @Test
        void executionWithoutDocumentHasNoJobDocumentField() {
            // when
            JsonNode execution = tree(codec.encodeResponse(
                    new DescribeJobExecutionResponse(queued.withoutDocument(), at(1), null))).get("execution");

            // then
            assertFalse(execution.has("jobDocument"));
        }

        @Test
        void approximateSecondsBeforeTimedOutIsNotPartOfTheMqttShape() {
            // given
            JobExecution running = new JobExecution("j", "T", null, JobExecutionStatus.IN_PROGRESS,
                    Map.of("step", "2"), at(1), at(2), at(3), 2, 1, 120L);

            // when
            JsonNode execution = tree(codec.encodeResponse(new DescribeJobExecutionResponse(running, at(4), null)))
                    .get("execution");

            // then
            assertFalse(execution.has("approximateSecondsBeforeTimedOut"));
            assertEquals("2", execution.get("statusDetails").get("step").asText());
        }

        @Test
        void responseWithoutClientTokenHasNoClientTokenField() {
            // when
            JsonNode payload = tree(codec.encodeResponse(new DescribeJobExecutionResponse(queued, at(1), null)));

            // then
            assertFalse(payload.has("clientToken"));
        }

        @Test
        void getPendingListsBothGroupsAlwaysInSeconds() {
            // given
            GetPendingJobExecutionsResponse response = new GetPendingJobExecutionsResponse(List.of(),
                    List.of(summary("job1", 1517016947, null, 1517016947, 1)), Instant.ofEpochMilli(1517016948999L),
                    "client-001");

            // when
            byte[] payload = codec.encodeResponse(response);

            // then
            assertJson("""
                    {"inProgressJobs": [],
                     "queuedJobs": [{"jobId":"job1","queuedAt":1517016947,"lastUpdatedAt":1517016947,
                                     "versionNumber":1,"executionNumber":1}],
                     "timestamp": 1517016948, "clientToken": "client-001"}""", payload);
        }

        @Test
        void updateCarriesStateAndDocumentObjectWhenPresent() {
            // given
            UpdateJobExecutionResponse response = new UpdateJobExecutionResponse(
                    new JobExecutionState(JobExecutionStatus.SUCCEEDED, Map.of("result", "ok"), 3),
                    "{\"operation\":\"test\"}", at(1517186269), "u");

            // when
            byte[] payload = codec.encodeResponse(response);

            // then
            assertJson("""
                    {"executionState": {"status":"SUCCEEDED","statusDetails":{"result":"ok"},"versionNumber":3},
                     "jobDocument": {"operation":"test"}, "timestamp": 1517186269, "clientToken": "u"}""", payload);
        }

        @Test
        void updateWithoutIncludesIsOnlyTimestampAndToken() {
            // when
            byte[] payload = codec.encodeResponse(new UpdateJobExecutionResponse(null, null, at(5), "u"));

            // then
            assertJson("{\"timestamp\":5,\"clientToken\":\"u\"}", payload);
        }

        @Test
        void documentThatIsNotJsonIsSentAsAStringRatherThanBreakingThePayload() {
            // given
            UpdateJobExecutionResponse response = new UpdateJobExecutionResponse(null, "< contents of job document >",
                    at(5), null);

            // when
            JsonNode payload = tree(codec.encodeResponse(response));

            // then
            assertEquals("< contents of job document >", payload.get("jobDocument").textValue());
        }
    }

    @Nested
    class Errors {
        private final JobExecutionState state = new JobExecutionState(JobExecutionStatus.SUCCEEDED, Map.of(), 4);

        @ParameterizedTest
        @EnumSource(value = ErrorCode.class, names = {"InvalidStateTransition", "VersionMismatch"})
        void stateCarryingCodesIncludeExecutionState(ErrorCode code) {
            // when
            byte[] payload = codec.encodeError(new ErrorResponse(code, "nope", "c1", at(1517186269), state));

            // then the ErrorResponse syntax of jobs-api.md
            assertJson("{\"code\":\"" + code.name() + "\",\"message\":\"nope\",\"clientToken\":\"c1\","
                    + "\"timestamp\":1517186269,\"executionState\":{\"status\":\"SUCCEEDED\",\"versionNumber\":4}}",
                    payload);
        }

        @ParameterizedTest
        @EnumSource(value = ErrorCode.class, names = {"InvalidStateTransition", "VersionMismatch"},
                mode = EnumSource.Mode.EXCLUDE)
        void otherCodesNeverIncludeExecutionState(ErrorCode code) {
            // when
            byte[] payload = codec.encodeError(new ErrorResponse(code, "m", "c1", at(7), state));

            // then
            assertJson("{\"code\":\"" + code.name() + "\",\"message\":\"m\",\"clientToken\":\"c1\",\"timestamp\":7}",
                    payload);
        }

        @Test
        void errorWithoutTokenLeavesTheFieldOut() {
            // when
            byte[] payload = codec.encodeError(new ErrorResponse(ErrorCode.InvalidJson, "bad", null, at(7), null));

            // then
            assertJson("{\"code\":\"InvalidJson\",\"message\":\"bad\",\"timestamp\":7}", payload);
        }

        @Test
        void decodingFailureBecomesARejectedPayloadEchoingTheToken() {
            // given
            WireFormatException e = new WireFormatException(ErrorCode.InvalidRequest, "status is required", "t");

            // when
            byte[] payload = codec.encodeError(e.toErrorResponse(at(9)));

            // then
            assertJson("{\"code\":\"InvalidRequest\",\"message\":\"status is required\",\"clientToken\":\"t\","
                    + "\"timestamp\":9}", payload);
        }
    }
}
