package io.edgejobs.emulator;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.emulator.DeviceHappyPathTest.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import io.edgejobs.test.support.SdkDevice;

/**
 * The worked example of the AWS IoT developer guide (jobs-comm-notifications.md), end to end: jobs created,
 * started, finished, rejected and force-deleted through AWS's own clients, and exactly the notify / notify-next
 * messages AWS lists, in order, seen by a subscriber of {@code $aws/things/thingName/jobs/+} and by the device's
 * IotJobsV2Client stream.
 */
class NotificationSequenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING = "thingName";
    private static final String DOC = "{\"operation\":\"test\"}";
    private static final String NOTIFY = "$aws/things/thingName/jobs/notify";
    private static final String NOTIFY_NEXT = "$aws/things/thingName/jobs/notify-next";

    private EmulatorFixture cloud;
    private SdkDevice device;
    private BlockingQueue<MqttMessage> observed;
    private BlockingQueue<NextJobExecutionChangedEvent> nextStream;

    @BeforeEach
    void start() throws Exception {
        cloud = EmulatorFixture.start();
        device = cloud.device(THING);
        nextStream = device.nextJobStream();
        observed = cloud.device("observer").subscribe("$aws/things/" + THING + "/jobs/+");
    }

    @AfterEach
    void stop() throws Exception {
        cloud.close();
    }

    @Test
    void job1Job2Job3AsInTheDeveloperGuide() throws Exception {
        // "First, one job, called job1, is created." → notify and notify-next
        cloud.createJob("job1", DOC, THING);
        JsonNode notify = expect(NOTIFY);
        assertEquals(List.of("job1"), jobIds(notify, "QUEUED"));
        assertEquals(1, notify.at("/jobs/QUEUED/0/versionNumber").asLong());
        JsonNode next = expect(NOTIFY_NEXT);
        assertEquals("job1", next.at("/execution/jobId").asText());
        assertEquals("QUEUED", next.at("/execution/status").asText());
        assertEquals("test", next.at("/execution/jobDocument/operation").asText());

        // "When another job is created (job2)" → notify only
        cloud.createJob("job2", DOC, THING);
        assertEquals(List.of("job1", "job2"), jobIds(expect(NOTIFY), "QUEUED"));

        // "When job1 starts to execute ... No notifications are published"
        StartNextPendingJobExecutionRequest startNext = new StartNextPendingJobExecutionRequest();
        startNext.thingName = THING;
        assertEquals("job1", await(device.jobs().startNextPendingJobExecution(startNext)).execution.jobId);

        // "When a third job (job3) is added" → notify (job1 IN_PROGRESS; job2, job3 QUEUED), no notify-next
        cloud.createJob("job3", DOC, THING);
        notify = expect(NOTIFY);
        assertEquals(List.of("job1"), jobIds(notify, "IN_PROGRESS"));
        assertEquals(2, notify.at("/jobs/IN_PROGRESS/0/versionNumber").asLong());
        assertTrue(notify.at("/jobs/IN_PROGRESS/0/startedAt").isIntegralNumber());
        assertEquals(List.of("job2", "job3"), jobIds(notify, "QUEUED"));

        // "When job1 is complete" → notify (job2, job3) and notify-next (job2)
        await(device.jobs().updateJobExecution(update("job1", JobStatus.SUCCEEDED)));
        assertEquals(List.of("job2", "job3"), jobIds(expect(NOTIFY), "QUEUED"));
        assertEquals("job2", expect(NOTIFY_NEXT).at("/execution/jobId").asText());

        // "If job3 must begin executing before job2" → notify-next (job3 IN_PROGRESS) only
        await(device.jobs().updateJobExecution(update("job3", JobStatus.IN_PROGRESS)));
        next = expect(NOTIFY_NEXT);
        assertEquals("job3", next.at("/execution/jobId").asText());
        assertEquals("IN_PROGRESS", next.at("/execution/status").asText());
        assertEquals(2, next.at("/execution/versionNumber").asLong());

        // "If the device rejects job2" → notify (job3 IN_PROGRESS only)
        await(device.jobs().updateJobExecution(update("job2", JobStatus.REJECTED)));
        notify = expect(NOTIFY);
        assertEquals(List.of("job3"), jobIds(notify, "IN_PROGRESS"));
        assertTrue(notify.at("/jobs/QUEUED").isMissingNode());

        // "If job3 (which is still in progress) is force deleted" → notify {"jobs":{}} and notify-next without
        // an execution
        cloud.iot.deleteJob(b -> b.jobId("job3").force(true));
        notify = expect(NOTIFY);
        assertTrue(notify.get("jobs").isObject() && notify.get("jobs").isEmpty(), notify.toString());
        next = expect(NOTIFY_NEXT);
        assertTrue(next.has("timestamp"));
        assertTrue(next.path("execution").isMissingNode(), next.toString());

        // nothing else was published in between (each expect() took the next message in order), and the
        // device's own notify-next stream saw job1, job2, job3, then nothing
        List<String> streamed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NextJobExecutionChangedEvent e = poll(nextStream);
            streamed.add(e.execution == null ? null : e.execution.jobId);
        }
        assertEquals(java.util.Arrays.asList("job1", "job2", "job3", null), streamed);
        assertNull(observed.peek(), "no notification after the last step");
    }

    private JsonNode expect(String topic) throws Exception {
        MqttMessage m = poll(observed);
        assertEquals(topic, m.getTopic(), () -> "unexpected message " + SdkDevice.text(m));
        JsonNode body = JSON.readTree(m.getPayload());
        assertTrue(body.get("timestamp").isIntegralNumber());
        return body;
    }

    private static List<String> jobIds(JsonNode notify, String status) {
        List<String> ids = new ArrayList<>();
        notify.path("jobs").path(status).forEach(s -> ids.add(s.get("jobId").asText()));
        return ids;
    }

    private static UpdateJobExecutionRequest update(String jobId, JobStatus status) {
        UpdateJobExecutionRequest r = new UpdateJobExecutionRequest();
        r.thingName = THING;
        r.jobId = jobId;
        r.status = status;
        return r;
    }
}
