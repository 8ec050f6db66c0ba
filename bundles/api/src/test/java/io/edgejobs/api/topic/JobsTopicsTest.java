package io.edgejobs.api.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobsTopicsTest {

    private static final String T = "$aws/things/pump-7/jobs/";

    private static JobsTopic topic(JobsTopic.Kind kind, JobsOperation op, String jobId) {
        return new JobsTopic("pump-7", kind, op, jobId);
    }

    @Test
    @DisplayName("jobs-mqtt-api.md request topics: get, start-next, {jobId}/get, {jobId}/update")
    void requestTopics() {
        assertEquals(topic(JobsTopic.Kind.REQUEST, JobsOperation.GET_PENDING_JOB_EXECUTIONS, null),
                JobsTopics.parseRequest(T + "get"));
        assertEquals(topic(JobsTopic.Kind.REQUEST, JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, null),
                JobsTopics.parseRequest(T + "start-next"));
        assertEquals(topic(JobsTopic.Kind.REQUEST, JobsOperation.DESCRIBE_JOB_EXECUTION, "job-1"),
                JobsTopics.parseRequest(T + "job-1/get"));
        assertEquals(topic(JobsTopic.Kind.REQUEST, JobsOperation.UPDATE_JOB_EXECUTION, "job_2"),
                JobsTopics.parseRequest(T + "job_2/update"));
    }

    @Test
    @DisplayName("FreeRTOS OTA / JS SDK: $aws/things/T/jobs/$next/get is DescribeJobExecution of the next execution")
    void nextDescribe() {
        JobsTopic t = JobsTopics.parseRequest("$aws/things/T/jobs/$next/get");
        assertEquals(JobsOperation.DESCRIBE_JOB_EXECUTION, t.operation());
        assertTrue(t.isNext());
        assertEquals("T", t.thingName());
        // and its response, as the OTA demo subscribes to it
        JobsTopic accepted = JobsTopics.parse("$aws/things/T/jobs/$next/get/accepted");
        assertEquals(JobsTopic.Kind.ACCEPTED, accepted.kind());
        assertTrue(accepted.isNext());
    }

    @Test
    @DisplayName("Job ids that look like verbs are job ids when followed by get/update (get/get, start-next/update, notify/get)")
    void verbLikeJobIds() {
        assertEquals(topic(JobsTopic.Kind.REQUEST, JobsOperation.DESCRIBE_JOB_EXECUTION, "get"),
                JobsTopics.parse(T + "get/get"));
        assertEquals(topic(JobsTopic.Kind.REQUEST, JobsOperation.UPDATE_JOB_EXECUTION, "start-next"),
                JobsTopics.parse(T + "start-next/update"));
        assertEquals(topic(JobsTopic.Kind.REQUEST, JobsOperation.DESCRIBE_JOB_EXECUTION, "notify"),
                JobsTopics.parse(T + "notify/get"));
        // but get/accepted is always the GetPendingJobExecutions response
        assertEquals(topic(JobsTopic.Kind.ACCEPTED, JobsOperation.GET_PENDING_JOB_EXECUTIONS, null),
                JobsTopics.parse(T + "get/accepted"));
        assertEquals(topic(JobsTopic.Kind.ACCEPTED, JobsOperation.DESCRIBE_JOB_EXECUTION, "get"),
                JobsTopics.parse(T + "get/get/accepted"));
    }

    @Test
    @DisplayName("reserved-topics.md response topics: accepted and rejected of each operation, and notify / notify-next")
    void responseAndNotificationTopics() {
        for (JobsOperation op : JobsOperation.values()) {
            String jobId = op == JobsOperation.DESCRIBE_JOB_EXECUTION || op == JobsOperation.UPDATE_JOB_EXECUTION
                    ? "job-1" : null;
            for (JobsTopic.Kind kind : List.of(JobsTopic.Kind.REQUEST, JobsTopic.Kind.ACCEPTED,
                    JobsTopic.Kind.REJECTED)) {
                JobsTopic expected = topic(kind, op, jobId);
                // built and parsed back
                assertEquals(expected, JobsTopics.parse(expected.topic()), expected.topic());
            }
        }
        assertEquals(topic(JobsTopic.Kind.NOTIFY, null, null), JobsTopics.parse(T + "notify"));
        assertEquals(topic(JobsTopic.Kind.NOTIFY_NEXT, null, null), JobsTopics.parse(T + "notify-next"));
    }

    @Test
    @DisplayName("Builders produce the documented topic strings")
    void builders() {
        assertEquals(T + "get", JobsTopics.getPending("pump-7"));
        assertEquals(T + "start-next", JobsTopics.startNext("pump-7"));
        assertEquals(T + "$next/get", JobsTopics.describe("pump-7", "$next"));
        assertEquals(T + "job-1/get", JobsTopics.describe("pump-7", "job-1"));
        assertEquals(T + "job-1/update", JobsTopics.update("pump-7", "job-1"));
        assertEquals(T + "get/accepted", JobsTopics.accepted(JobsOperation.GET_PENDING_JOB_EXECUTIONS, "pump-7",
                null));
        assertEquals(T + "start-next/rejected", JobsTopics.rejected(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION,
                "pump-7", null));
        assertEquals(T + "job-1/update/accepted", JobsTopics.accepted(JobsOperation.UPDATE_JOB_EXECUTION, "pump-7",
                "job-1"));
        assertEquals(T + "$next/get/rejected", JobsTopics.rejected(JobsOperation.DESCRIBE_JOB_EXECUTION, "pump-7",
                "$next"));
        assertEquals(T + "notify", JobsTopics.notify("pump-7"));
        assertEquals(T + "notify-next", JobsTopics.notifyNext("pump-7"));
        assertEquals(T + "bogus/rejected", JobsTopics.rejectedOf(T + "bogus"));
        assertEquals(T + "job-1/update/accepted", JobsTopics.acceptedOf(T + "job-1/update"));
        JobsTopic update = JobsTopics.parseRequest(T + "job-1/update");
        assertEquals(T + "job-1/update/rejected", update.rejected().topic());
        assertEquals(update, update.accepted().request());
        assertThrows(IllegalArgumentException.class, () -> JobsTopics.update("pump-7", "$next"));
        assertThrows(IllegalArgumentException.class, () -> JobsTopics.notify("bad/thing"));
        assertThrows(IllegalArgumentException.class,
                () -> JobsTopics.request(JobsOperation.GET_PENDING_JOB_EXECUTIONS, "pump-7", "job-1"));
        assertThrows(IllegalStateException.class, () -> JobsTopics.parse(T + "notify").accepted());
    }

    @Test
    @DisplayName("Real client subscriptions match our response topics: jobs/+/update/+, jobs/get/+, jobs/start-next/+, jobs/+/get/+")
    void clientFiltersMatch() {
        assertTrue(matches("$aws/things/pump-7/jobs/+/update/+",
                JobsTopics.accepted(JobsOperation.UPDATE_JOB_EXECUTION, "pump-7", "job-1")));
        assertTrue(matches("$aws/things/+/jobs/+/update/+",
                JobsTopics.rejected(JobsOperation.UPDATE_JOB_EXECUTION, "pump-7", "job-1")));
        assertTrue(matches("$aws/things/pump-7/jobs/get/+",
                JobsTopics.accepted(JobsOperation.GET_PENDING_JOB_EXECUTIONS, "pump-7", null)));
        assertTrue(matches("$aws/things/pump-7/jobs/start-next/+",
                JobsTopics.rejected(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, "pump-7", null)));
        assertTrue(matches("$aws/things/pump-7/jobs/+/get/+",
                JobsTopics.accepted(JobsOperation.DESCRIBE_JOB_EXECUTION, "pump-7", "$next")));
        assertFalse(matches("$aws/things/pump-7/jobs/get/+", JobsTopics.getPending("pump-7")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/T/jobs", "$aws/things/T/jobs/", "$aws/things/T/jobs/foo",
        "$aws/things/T/jobs/$next", "$aws/things/T/jobs/job-1", "$aws/things/T/jobs/job-1/delete",
        "$aws/things/T/jobs/job-1/update/extra", "$aws/things/T/jobs/job-1/update/accepted/x",
        "$aws/things/T/jobs/get/foo", "$aws/things/T/jobs//get", "$aws/things//jobs/get",
        "$aws/things/T/jobs/notify-namespace-ns1", "$aws/things/T/jobs/start-next/get/accepted/x"})
    @DisplayName("jobs-api.md InvalidTopic: 'sent to a topic in the Jobs namespace that does not map to any API'")
    void invalidTopics(String topic) {
        assertTrue(JobsTopics.isJobsTopic(topic));
        JobsException e = assertThrows(JobsException.class, () -> JobsTopics.parseRequest(topic));
        assertEquals(ErrorCode.InvalidTopic, e.code(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/T/jobs/get/accepted", "$aws/things/T/jobs/start-next/rejected",
        "$aws/things/T/jobs/job-1/update/accepted", "$aws/things/T/jobs/$next/get/rejected",
        "$aws/things/T/jobs/notify", "$aws/things/T/jobs/notify-next"})
    @DisplayName("A device publishing to a response or notification topic gets InvalidTopic (decision)")
    void devicePublishesResponse(String topic) {
        assertEquals(ErrorCode.InvalidTopic,
                assertThrows(JobsException.class, () -> JobsTopics.parseRequest(topic)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/bad.thing/jobs/get", "$aws/things/sp ace/jobs/start-next",
        "$aws/things/T/jobs/bad.job/update", "$aws/things/T/jobs/$next/update", "$aws/things/T/jobs/a:b/get",
        "$aws/things/T/jobs/+/update", "$aws/things/#/jobs/get"})
    @DisplayName("Right shape, invalid thing name or job id (ThingName/JobId patterns, $next outside Describe) → InvalidRequest")
    void invalidIdentifiers(String topic) {
        assertEquals(ErrorCode.InvalidRequest,
                assertThrows(JobsException.class, () -> JobsTopics.parseRequest(topic)).code());
    }

    @Test
    @DisplayName("Thing names up to 128 and job ids up to 64 characters in topics")
    void identifierLengths() {
        String thing = "t".repeat(128);
        assertEquals(thing, JobsTopics.parseRequest("$aws/things/" + thing + "/jobs/get").thingName());
        assertEquals(ErrorCode.InvalidRequest, assertThrows(JobsException.class,
                () -> JobsTopics.parseRequest("$aws/things/" + thing + "x/jobs/get")).code());
        assertEquals(ErrorCode.InvalidRequest, assertThrows(JobsException.class,
                () -> JobsTopics.parseRequest(T + "j".repeat(65) + "/update")).code());
    }

    @Test
    @DisplayName("isJobsTopic: only $aws/things/{thing}/jobs and below")
    void isJobsTopic() {
        assertTrue(JobsTopics.isJobsTopic("$aws/things/T/jobs/get"));
        assertTrue(JobsTopics.isJobsTopic("$aws/things/T/jobs"));
        assertFalse(JobsTopics.isJobsTopic("$aws/things/T/jobsx/get"));
        assertFalse(JobsTopics.isJobsTopic("$aws/things/T/shadow/get"));
        assertFalse(JobsTopics.isJobsTopic("$aws/things/T"));
        assertFalse(JobsTopics.isJobsTopic("$AWS/things/T/jobs/get"));
        assertFalse(JobsTopics.isJobsTopic("things/T/jobs/get"));
        assertFalse(JobsTopics.isJobsTopic("$aws/events/job/j1/completed"));
        assertFalse(JobsTopics.isJobsTopic(null));
        assertThrows(IllegalArgumentException.class, () -> JobsTopics.parse("$aws/things/T/shadow/get"));
    }

    /** MQTT 3.1.1 topic filter matching (4.7), enough for '+' and a trailing '#'. */
    private static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
