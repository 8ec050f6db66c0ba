package io.edgejobs.emulator;

import static io.edgejobs.emulator.DeviceHappyPathTest.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import io.edgejobs.test.support.SdkDevice;

/**
 * The Jobs MQTT API byte for byte, through raw publishes on an aws-crt connection: what the SDK cannot send
 * (broken JSON, wrong topics, chosen client tokens) and what it hides (who receives an answer, the JSON itself).
 */
class DeviceWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING = "sensor-9";

    private EmulatorFixture cloud;
    private SdkDevice device;

    @BeforeEach
    void start() throws Exception {
        cloud = EmulatorFixture.start();
        device = cloud.device(THING);
    }

    @AfterEach
    void stop() throws Exception {
        cloud.close();
    }

    @Test
    void anAnswerEchoesTheClientTokenAndCarriesEpochSeconds() throws Exception {
        BlockingQueue<MqttMessage> answers = device.subscribe("$aws/things/" + THING + "/jobs/get/+");

        device.publish("$aws/things/" + THING + "/jobs/get", "{\"clientToken\":\"my-token-42\"}");

        MqttMessage answer = poll(answers);
        assertEquals("$aws/things/" + THING + "/jobs/get/accepted", answer.getTopic());
        JsonNode body = JSON.readTree(answer.getPayload());
        assertEquals("my-token-42", body.get("clientToken").asText());
        assertTrue(body.get("timestamp").isIntegralNumber());
        long seconds = body.get("timestamp").asLong();
        assertTrue(Math.abs(seconds - Instant.now().getEpochSecond()) < 60, "epoch seconds: " + seconds);
        assertTrue(body.get("inProgressJobs").isArray());
        assertTrue(body.get("queuedJobs").isArray());
    }

    @Test
    void brokenJsonIsInvalidJsonOnTheRejectedTopic() throws Exception {
        cloud.createJob("job-a", "{\"op\":1}", THING);
        String topic = "$aws/things/" + THING + "/jobs/job-a/update";
        BlockingQueue<MqttMessage> answers = device.subscribe(topic + "/+");

        device.publish(topic, "{\"clientToken\":\"t-1\",\"status\":");

        MqttMessage answer = poll(answers);
        assertEquals(topic + "/rejected", answer.getTopic());
        JsonNode body = JSON.readTree(answer.getPayload());
        assertEquals("InvalidJson", body.get("code").asText());
        assertEquals("t-1", body.get("clientToken").asText());
        assertFalse(body.has("executionState"));
    }

    @Test
    void aTopicInTheJobsNamespaceThatIsNoApiIsInvalidTopic() throws Exception {
        String topic = "$aws/things/" + THING + "/jobs/reboot";
        BlockingQueue<MqttMessage> answers = device.subscribe("$aws/things/" + THING + "/jobs/#");

        device.publish(topic, "{\"clientToken\":\"t-2\"}");

        MqttMessage answer = poll(answers);
        assertEquals(topic + "/rejected", answer.getTopic());
        JsonNode body = JSON.readTree(answer.getPayload());
        assertEquals("InvalidTopic", body.get("code").asText());
        assertEquals("t-2", body.get("clientToken").asText());
    }

    @Test
    void answersGoOnlyToTheRequesterWhileNotificationsGoToEverySubscriber() throws Exception {
        SdkDevice observer = cloud.device("observer");
        BlockingQueue<MqttMessage> seen = observer.subscribe("$aws/things/" + THING + "/jobs/#");
        BlockingQueue<MqttMessage> mine = device.subscribe("$aws/things/" + THING + "/jobs/get/+");

        device.publish("$aws/things/" + THING + "/jobs/get", "{}");
        assertEquals("$aws/things/" + THING + "/jobs/get/accepted", poll(mine).getTopic());
        cloud.createJob("job-a", "{\"op\":1}", THING);

        // the observer's first messages are the notifications: the answer to the device never reached it
        Set<String> topics = new HashSet<>(List.of(poll(seen).getTopic(), poll(seen).getTopic()));
        assertEquals(Set.of("$aws/things/" + THING + "/jobs/notify", "$aws/things/" + THING + "/jobs/notify-next"),
                topics);
    }

    @Test
    void aGatewayWildcardSubscriptionReceivesEveryThingsNotifyNext() throws Exception {
        SdkDevice gateway = cloud.device("gateway-1");
        BlockingQueue<MqttMessage> next = gateway.subscribe("$aws/things/+/jobs/notify-next");

        cloud.createJob("job-a", "{\"op\":1}", "thing-a");
        cloud.createJob("job-b", "{\"op\":2}", "thing-b");

        Set<String> topics = new HashSet<>(List.of(poll(next).getTopic(), poll(next).getTopic()));
        assertEquals(Set.of("$aws/things/thing-a/jobs/notify-next", "$aws/things/thing-b/jobs/notify-next"), topics);
    }

    @Test
    void oneConnectionMayAskForManyThings() throws Exception {
        SdkDevice gateway = cloud.device("gateway-1");
        cloud.createJob("job-a", "{\"op\":1}", "thing-a");
        cloud.createJob("job-b", "{\"op\":2}", "thing-b");
        BlockingQueue<MqttMessage> answers = gateway.subscribe("$aws/things/+/jobs/start-next/+");

        gateway.publish("$aws/things/thing-a/jobs/start-next", "{\"clientToken\":\"a\"}");
        gateway.publish("$aws/things/thing-b/jobs/start-next", "{\"clientToken\":\"b\"}");

        Set<String> started = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            MqttMessage m = poll(answers);
            JsonNode body = JSON.readTree(m.getPayload());
            assertTrue(m.getTopic().endsWith("/start-next/accepted"), m.getTopic());
            started.add(body.get("clientToken").asText() + ":" + body.at("/execution/jobId").asText() + ":"
                    + body.at("/execution/status").asText());
        }
        assertEquals(Set.of("a:job-a:IN_PROGRESS", "b:job-b:IN_PROGRESS"), started);
    }

    @Test
    void describeOfNextNamesTheNextPendingExecutionAndCanLeaveOutTheDocument() throws Exception {
        cloud.createJob("job-a", "{\"op\":\"first\"}", THING);
        cloud.createJob("job-b", "{\"op\":\"second\"}", THING);
        String topic = "$aws/things/" + THING + "/jobs/$next/get";
        BlockingQueue<MqttMessage> answers = device.subscribe(topic + "/+");

        device.publish(topic, "{\"clientToken\":\"n-1\"}");
        JsonNode withDocument = JSON.readTree(poll(answers).getPayload());
        device.publish(topic, "{\"clientToken\":\"n-2\",\"includeJobDocument\":false}");
        JsonNode withoutDocument = JSON.readTree(poll(answers).getPayload());

        assertEquals("job-a", withDocument.at("/execution/jobId").asText());
        assertEquals("first", withDocument.at("/execution/jobDocument/op").asText());
        assertEquals("QUEUED", withDocument.at("/execution/status").asText());
        assertEquals(1, withDocument.at("/execution/versionNumber").asLong());
        assertEquals("job-a", withoutDocument.at("/execution/jobId").asText());
        assertTrue(withoutDocument.at("/execution/jobDocument").isMissingNode());
    }

    @Test
    void pendingListsAndNotifyHoldAtMostTenExecutions() throws Exception {
        BlockingQueue<MqttMessage> notify = device.subscribe("$aws/things/" + THING + "/jobs/notify");
        for (int i = 1; i <= 12; i++) {
            cloud.createJob("job-" + i, "{\"n\":" + i + "}", THING);
        }
        JsonNode last = null;
        for (int i = 1; i <= 12; i++) {
            last = JSON.readTree(poll(notify).getPayload());
        }
        assertEquals(10, last.at("/jobs/QUEUED").size());
        assertEquals("job-1", last.at("/jobs/QUEUED/0/jobId").asText());

        BlockingQueue<MqttMessage> answers = device.subscribe("$aws/things/" + THING + "/jobs/get/+");
        device.publish("$aws/things/" + THING + "/jobs/get", "{}");
        JsonNode pending = JSON.readTree(poll(answers).getPayload());
        assertEquals(10, pending.get("queuedJobs").size());
        assertEquals("job-10", pending.at("/queuedJobs/9/jobId").asText());
    }
}
