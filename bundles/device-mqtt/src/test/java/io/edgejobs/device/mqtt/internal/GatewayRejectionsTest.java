package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.device.mqtt.internal.GatewayHappyPathTest.details;
import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.jobs.StatusDetailsMode;
import io.edgejobs.emulator.internal.EmulatorSettings;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException;
import io.edgejobs.test.support.SdkDevice;

/**
 * Every rejection code reaches the device the AWS way, through the gateway: those the gateway decides locally
 * (InvalidTopic, InvalidJson, InvalidRequest) and those the cloud decides, relayed with code, message, clientToken
 * and executionState; InternalError when the cloud does not answer. After each, the cache agrees with the cloud.
 */
class GatewayRejectionsTest {

    private static final String THING = "pump-7";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private GatewayFixture gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private SdkDevice started() throws Exception {
        gateway = GatewayFixture.start(dir);
        return gateway.sdkDevice(THING);
    }

    @Test
    void aWrongTopicInTheJobsNamespaceIsInvalidTopicWithTheToken() throws Exception {
        SdkDevice device = started();
        BlockingQueue<MqttMessage> rejected = device.subscribe("$aws/things/pump-7/jobs/job-1/cancel/rejected");

        // when
        device.publish("$aws/things/pump-7/jobs/job-1/cancel", "{\"clientToken\":\"tok-topic\"}");

        // then
        JsonNode error = poll(rejected);
        assertEquals("InvalidTopic", error.get("code").asText());
        assertEquals("tok-topic", error.get("clientToken").asText());
        assertTrue(error.get("timestamp").asLong() > 1_700_000_000L, "epoch seconds");
    }

    @Test
    void brokenJsonIsInvalidJsonWithTheTokenAndTheGatewayKeepsServing() throws Exception {
        SdkDevice device = started();
        BlockingQueue<MqttMessage> rejected = device.subscribe("$aws/things/pump-7/jobs/start-next/rejected");

        // when
        device.publish("$aws/things/pump-7/jobs/start-next", "{\"clientToken\":\"tok-json\", \"statusDetails\": {");

        // then
        JsonNode error = poll(rejected);
        assertEquals("InvalidJson", error.get("code").asText());
        assertEquals("tok-json", error.get("clientToken").asText());
        // and the same connection is still served
        GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
        get.thingName = THING;
        assertNotNull(await(device.jobs().getPendingJobExecutions(get)).timestamp);
    }

    @Test
    void anInvalidFieldIsInvalidRequestAndNeverReachesTheCloud() throws Exception {
        SdkDevice device = started();
        gateway.createJob("job-1", "{\"a\":1}", THING);
        UpdateJobExecutionRequest update = update("job-1", JobStatus.IN_PROGRESS, null);
        update.statusDetails = details("log", "x".repeat(1025));

        // when / then
        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update), RejectedErrorCode.INVALID_REQUEST);
        assertTrue(error.message.contains("statusDetails.log"), error.message);
        gateway.assertCacheMatchesCloud(THING);
        assertEquals("QUEUED v1 {}", gateway.cloudView(THING).get("job-1#1"));
    }

    @Test
    void anUnknownJobIsResourceNotFoundFromTheCloud() throws Exception {
        SdkDevice device = started();
        DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
        describe.thingName = THING;
        describe.jobId = "no-such-job";

        V2ErrorResponse error = rejection(device.jobs().describeJobExecution(describe),
                RejectedErrorCode.RESOURCE_NOT_FOUND);
        assertTrue(error.message.contains("no-such-job"), error.message);
        assertNotNull(error.clientToken);
    }

    @Test
    void aStaleExpectedVersionIsVersionMismatchWithTheCloudsExecutionState() throws Exception {
        SdkDevice device = started();
        gateway.createJob("job-1", "{\"a\":1}", THING);
        startNext(device);

        // when the device claims version 7 while the cloud is at 2
        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update("job-1", JobStatus.SUCCEEDED, 7)),
                RejectedErrorCode.VERSION_MISMATCH);

        // then the state rides along, and the cache agrees with the cloud
        assertEquals(2, error.executionState.versionNumber);
        assertEquals(JobStatus.IN_PROGRESS, error.executionState.status);
        assertTrue(error.message.contains("7"), error.message);
        gateway.assertCacheMatchesCloud(THING);
    }

    @Test
    void updatingAFinishedExecutionIsInvalidStateTransitionWithItsState() throws Exception {
        SdkDevice device = started();
        gateway.createJob("job-1", "{\"a\":1}", THING);
        startNext(device);
        await(device.jobs().updateJobExecution(update("job-1", JobStatus.SUCCEEDED, 2)));

        // when
        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update("job-1", JobStatus.IN_PROGRESS,
                null)), RejectedErrorCode.INVALID_STATE_TRANSITION);

        // then
        assertEquals(JobStatus.SUCCEEDED, error.executionState.status);
        assertEquals(3, error.executionState.versionNumber);
        gateway.assertCacheMatchesCloud(THING);
        assertEquals("SUCCEEDED v3 {}", gateway.cacheView(THING).get("job-1#1"));
    }

    @Test
    void theCloudsThrottlingIsRelayedAsRequestThrottled() throws Exception {
        SdkDevice device = started();
        // given a cloud allowing one read per second on the whole account
        gateway.cloud.throttle().setLimits(new ThrottleLimits(0, 1, 0));

        // when the device reads three times at once
        List<CompletableFuture<?>> reads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
            get.thingName = THING;
            reads.add(device.jobs().getPendingJobExecutions(get));
        }

        // then at least one is answered RequestThrottled, the AWS way
        int throttled = 0;
        for (CompletableFuture<?> read : reads) {
            try {
                read.get(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                V2ErrorResponse error = ((V2ErrorResponseException) e.getCause()).getModeledError();
                assertEquals(RejectedErrorCode.REQUEST_THROTTLED, error.code);
                assertNotNull(error.clientToken);
                throttled++;
            }
        }
        assertTrue(throttled >= 1, "throttled " + throttled);
    }

    @Test
    void aLostAnswerIsInternalErrorWithinTheBoundAndTheCacheLearnsWhatTheCloudDid() throws Exception {
        SdkDevice device = started();
        gateway.createJob("job-1", "{\"a\":1}", THING);
        startNext(device);
        // given a cloud that applies the next update but whose answer is lost
        gateway.cloud.faults().loseNextResponses(1, JobsOperation.UPDATE_JOB_EXECUTION);

        // when
        long started = System.nanoTime();
        V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update("job-1", JobStatus.SUCCEEDED, 2)),
                RejectedErrorCode.INTERNAL_ERROR);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        // then the device knew within the gateway's bound that the outcome is unknown
        assertTrue(tookMillis < GatewayFixture.ENGINE_BOUND.toMillis() + 1500, () -> "took " + tookMillis + " ms");
        assertTrue(error.message.contains("may or may not"), error.message);
        // and the gateway's re-check brought the cloud's SUCCEEDED into the cache
        gateway.assertCacheMatchesCloud(THING);
        assertEquals("SUCCEEDED v3 {}", gateway.cacheView(THING).get("job-1#1"));
    }

    @Test
    void describingAFinishedExecutionOfACloudThatSaysTerminalStateReachedIsRelayed() throws Exception {
        gateway = GatewayFixture.start(dir, s -> s.withDataPlane(EmulatorSettings.dataPlane(1024,
                StatusDetailsMode.REPLACE, true)));
        SdkDevice device = gateway.sdkDevice(THING);
        gateway.createJob("job-1", "{\"a\":1}", THING);
        startNext(device);
        await(device.jobs().updateJobExecution(update("job-1", JobStatus.FAILED, 2)));
        DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
        describe.thingName = THING;
        describe.jobId = "job-1";

        // when / then
        rejection(device.jobs().describeJobExecution(describe), RejectedErrorCode.TERMINAL_STATE_REACHED);
        gateway.assertCacheMatchesCloud(THING);
    }

    private static void startNext(SdkDevice device) throws Exception {
        StartNextPendingJobExecutionRequest startNext = new StartNextPendingJobExecutionRequest();
        startNext.thingName = THING;
        assertEquals(JobStatus.IN_PROGRESS, await(device.jobs().startNextPendingJobExecution(startNext))
                .execution.status);
    }

    private static UpdateJobExecutionRequest update(String jobId, JobStatus status, Integer expectedVersion) {
        UpdateJobExecutionRequest r = new UpdateJobExecutionRequest();
        r.thingName = THING;
        r.jobId = jobId;
        r.status = status;
        r.expectedVersion = expectedVersion;
        return r;
    }

    private static JsonNode poll(BlockingQueue<MqttMessage> queue) throws Exception {
        MqttMessage message = queue.poll(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(message, "no message within " + SdkDevice.TIMEOUT_SECONDS + " s");
        return JSON.readTree(message.getPayload());
    }
}
