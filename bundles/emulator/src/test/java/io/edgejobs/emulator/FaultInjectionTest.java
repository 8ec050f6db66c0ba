package io.edgejobs.emulator;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.emulator.DeviceHappyPathTest.poll;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import io.edgejobs.test.support.SdkDevice;

/** The faults a gateway must survive, switched on through the admin endpoints or the Java API. */
class FaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING = "press-4";
    private static final String JOBS = "$aws/things/" + THING + "/jobs";

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
    void aLostAcknowledgementStillAppliesTheUpdateSoTheRetryMeetsTheNewState() throws Exception {
        cloud.createJob("job-a", "{\"op\":1}", THING);
        BlockingQueue<MqttMessage> answers = device.subscribe(JOBS + "/+/+/+");
        BlockingQueue<MqttMessage> getAnswers = device.subscribe(JOBS + "/get/+");
        admin("/_emulator/faults/lose-responses?count=1&operation=update");

        device.publish(JOBS + "/job-a/update", "{\"status\":\"SUCCEEDED\",\"clientToken\":\"first\"}");
        device.publish(JOBS + "/get", "{\"clientToken\":\"fence\"}");

        // the get answer arrives, the update's never did (answers to one client keep their order)
        assertEquals("fence", JSON.readTree(poll(getAnswers).getPayload()).get("clientToken").asText());
        assertTrue(answers.isEmpty(), "the update's answer was lost");
        assertEquals("SUCCEEDED", cloud.iot.describeJobExecution(b -> b.jobId("job-a").thingName(THING))
                .execution().statusAsString());

        // the device, having heard nothing, retries: the execution is already terminal
        device.publish(JOBS + "/job-a/update", "{\"status\":\"SUCCEEDED\",\"clientToken\":\"retry\"}");
        MqttMessage retry = poll(answers);
        assertEquals(JOBS + "/job-a/update/rejected", retry.getTopic());
        JsonNode error = JSON.readTree(retry.getPayload());
        assertEquals("InvalidStateTransition", error.get("code").asText());
        assertEquals("SUCCEEDED", error.at("/executionState/status").asText());
        assertEquals("retry", error.get("clientToken").asText());
    }

    @Test
    void droppedConnectionsReconnectAndWorkAgain() throws Exception {
        JsonNode dropped = admin("/_emulator/faults/drop-connections");
        assertEquals(1, dropped.get("dropped").asInt());

        await().atMost(Duration.ofSeconds(10)).until(() -> device.resumptions.get() >= 1);
        assertTrue(device.interruptions.size() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> cloud.emulator.status().get("connectedClients")
                .toString().contains(THING));
        GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
        get.thingName = THING;
        assertTrue(await(device.jobs().getPendingJobExecutions(get)).queuedJobs.isEmpty());
    }

    @Test
    void anOutageRefusesConnectionsUntilItEnds() throws Exception {
        admin("/_emulator/faults/outage?seconds=1.5");

        assertThrows(Exception.class, () -> new SdkDevice("newcomer", cloud.emulator.mqttPort(), true).close());
        await().atMost(Duration.ofSeconds(10)).until(() -> device.resumptions.get() >= 1);
        try (SdkDevice late = new SdkDevice("newcomer", cloud.emulator.mqttPort(), true)) {
            GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
            get.thingName = "newcomer";
            assertTrue(await(late.jobs().getPendingJobExecutions(get)).inProgressJobs.isEmpty());
        }
    }

    @Test
    void delayedResponsesArriveLate() throws Exception {
        cloud.emulator.faults().delayResponses(Duration.ofMillis(400));
        BlockingQueue<MqttMessage> answers = device.subscribe(JOBS + "/get/+");

        long start = System.nanoTime();
        device.publish(JOBS + "/get", "{}");
        poll(answers);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis >= 380, "answered after " + elapsedMillis + " ms");
        cloud.emulator.faults().clear();
        assertEquals(0, cloud.emulator.faults().responseDelayMillis());
    }

    @Test
    void aConnectionPublishingTooFastIsThrottled() throws Exception {
        cloud.emulator.throttle().setLimits(new ThrottleLimits(2, 0, 0));
        BlockingQueue<MqttMessage> answers = device.subscribe(JOBS + "/get/+");
        for (int i = 0; i < 6; i++) {
            device.publish(JOBS + "/get", "{\"clientToken\":\"burst-" + i + "\"}");
        }
        int throttled = 0;
        for (int i = 0; i < 6; i++) {
            MqttMessage m = poll(answers);
            if (m.getTopic().endsWith("/rejected")) {
                assertEquals("RequestThrottled", JSON.readTree(m.getPayload()).get("code").asText());
                throttled++;
            }
        }
        assertTrue(throttled >= 3, throttled + " of 6 throttled at 2 publishes/s");
    }

    @Test
    void losingResponsesCanBeLimitedToOneOperation() {
        cloud.emulator.faults().loseNextResponses(2, JobsOperation.UPDATE_JOB_EXECUTION);
        assertTrue(!cloud.emulator.faults().loseResponse(JobsOperation.GET_PENDING_JOB_EXECUTIONS));
        assertTrue(cloud.emulator.faults().loseResponse(JobsOperation.UPDATE_JOB_EXECUTION));
        assertTrue(cloud.emulator.faults().loseResponse(JobsOperation.UPDATE_JOB_EXECUTION));
        assertTrue(!cloud.emulator.faults().loseResponse(JobsOperation.UPDATE_JOB_EXECUTION));
    }

    private JsonNode admin(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.emulator.httpEndpoint() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
