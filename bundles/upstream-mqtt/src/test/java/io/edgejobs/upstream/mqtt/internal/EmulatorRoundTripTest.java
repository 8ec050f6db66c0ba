package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.RequestForwardingTest.failure;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.plain;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.unpaced;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.EmulatorSettings;
import io.edgejobs.emulator.internal.cloud.CreateJobSpec;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upstream connection against the project's AWS IoT Jobs cloud emulator, end to end. */
class EmulatorRoundTripTest {
    private Emulator emulator;
    private Harness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private UpstreamClient connect(ThrottleLimits limits, Map<String, Object> overrides, boolean paced)
            throws Exception {
        emulator = Emulator.start(EmulatorSettings.defaults().withMqtt("127.0.0.1", 0).withHttp("127.0.0.1", 0)
                .withThrottle(limits), new MqttServerFactoryComponent());
        Map<String, Object> values = plain(emulator.mqttPort(), "gateway-e2e");
        values.putAll(overrides);
        UpstreamOptions o = options(values);
        harness = Harness.started(paced ? o : unpaced(o)).awaitState(ConnectionState.CONNECTED);
        return harness.client;
    }

    private void createJob(String jobId, String... things) {
        emulator.controlPlane().createJob(new CreateJobSpec(jobId, List.of(things), "{\"op\":\"install\"}", null,
                null, null, null, null, null));
    }

    @Test
    void aJobCreatedInTheCloudIsAnnouncedForwardedAndRunToSuccessThroughTheGateway() throws Exception {
        UpstreamClient client = connect(ThrottleLimits.UNLIMITED, Map.of(), true);

        createJob("fw-1", "pump-1", "pump-2");

        RecordingListener listener = harness.listener;
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.notifyNexts.stream()
                .filter(n -> n.event().execution() != null && n.event().execution().jobId().equals("fw-1"))
                .map(RecordingListener.NotifyNext::thingName).distinct().count() == 2);

        GetPendingJobExecutionsResponse pending = client.forward(new GetPendingJobExecutionsRequest("pump-1",
                "dev-a"), AnswerReader.GET_PENDING).get(5, TimeUnit.SECONDS);
        assertEquals("dev-a", pending.clientToken());
        assertEquals("fw-1", pending.queuedJobs().get(0).jobId());

        StartNextPendingJobExecutionResponse started = client.forward(new StartNextPendingJobExecutionRequest(
                "pump-1", Map.of("step", "download"), null, "dev-b"), AnswerReader.START_NEXT)
                .get(5, TimeUnit.SECONDS);
        assertEquals("dev-b", started.clientToken());
        assertEquals(JobExecutionStatus.IN_PROGRESS, started.execution().status());
        assertEquals("{\"op\":\"install\"}", started.execution().jobDocument());

        var done = client.forward(new UpdateJobExecutionRequest("pump-1", "fw-1", JobExecutionStatus.SUCCEEDED,
                null, started.execution().versionNumber(), null, true, false, null, "dev-c"), AnswerReader.UPDATE)
                .get(5, TimeUnit.SECONDS);
        assertEquals("dev-c", done.clientToken());
        assertEquals(JobExecutionStatus.SUCCEEDED, done.executionState().status());

        JobsException again = failure(client.forward(new UpdateJobExecutionRequest("pump-1", "fw-1",
                JobExecutionStatus.IN_PROGRESS, null, null, null, false, false, null, "dev-d"), AnswerReader.UPDATE),
                JobsException.class);
        assertEquals(ErrorCode.InvalidStateTransition, again.code());
        assertEquals(JobExecutionStatus.SUCCEEDED, again.executionState().status());
        assertEquals("dev-d", assertInstanceOf(UpstreamRejectedException.class, again).deviceClientToken());

        assertNull(client.forward(new DescribeJobExecutionRequest("pump-1", DescribeJobExecutionRequest.NEXT, null,
                true, "dev-e"), AnswerReader.DESCRIBE).get(5, TimeUnit.SECONDS).execution());
        assertEquals(JobExecutionStatus.SUCCEEDED,
                emulator.controlPlane().describeJobExecution("fw-1", "pump-1", null).record().status());
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.notifies.stream()
                .anyMatch(n -> n.thingName().equals("pump-1") && n.event().jobs().isEmpty()));
    }

    @Test
    void aLostAnswerTimesOutWithAnUnknownOutcomeWhileTheCloudHasAppliedTheUpdate() throws Exception {
        UpstreamClient client = connect(ThrottleLimits.UNLIMITED, Map.of("requestTimeoutMillis", 600), true);
        createJob("fw-2", "pump-3");
        var started = client.forward(new StartNextPendingJobExecutionRequest("pump-3", null, null, "d1"),
                AnswerReader.START_NEXT).get(5, TimeUnit.SECONDS);
        emulator.faults().loseNextResponses(1, JobsOperation.UPDATE_JOB_EXECUTION);

        failure(client.forward(new UpdateJobExecutionRequest("pump-3", "fw-2", JobExecutionStatus.SUCCEEDED, null,
                started.execution().versionNumber(), null, false, false, null, "d2"), AnswerReader.UPDATE),
                UpstreamTimeoutException.class);

        assertEquals(JobExecutionStatus.SUCCEEDED,
                emulator.controlPlane().describeJobExecution("fw-2", "pump-3", null).record().status());
    }

    @Test
    void whenTheCloudDropsEveryConnectionTheGatewayReconnectsAndServesAgain() throws Exception {
        UpstreamClient client = connect(ThrottleLimits.UNLIMITED, Map.of(), true);

        emulator.dropAllConnections();

        await().atMost(Duration.ofSeconds(5)).until(() -> harness.listener.states.contains(
                ConnectionState.BACKING_OFF));
        harness.awaitState(ConnectionState.CONNECTED);
        assertEquals("d", client.forward(new GetPendingJobExecutionsRequest("pump-4", "d"), AnswerReader.GET_PENDING)
                .get(5, TimeUnit.SECONDS).clientToken());
    }

    @Test
    void theGatewaysPacingStaysUnderTheCloudsPerConnectionLimitWhereAnUnpacedBurstIsThrottled() throws Exception {
        // the emulator enforces AWS's 100 publishes per second per connection (and 200 reads per second)
        UpstreamClient client = connect(ThrottleLimits.AWS_DEFAULTS, Map.of(), true);

        assertEquals(0, throttledOf(burst(client, 150)));

        harness.close();
        emulator.close();
        UpstreamClient unpacedClient = connect(ThrottleLimits.AWS_DEFAULTS, Map.of(), false);
        assertTrue(throttledOf(burst(unpacedClient, 150)) > 0, "the limit is real: without pacing it is hit");
    }

    private static List<CompletableFuture<GetPendingJobExecutionsResponse>> burst(UpstreamClient client, int n) {
        List<CompletableFuture<GetPendingJobExecutionsResponse>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(client.forward(new GetPendingJobExecutionsRequest("thing-" + i, "d" + i),
                    AnswerReader.GET_PENDING));
        }
        return answers;
    }

    private static long throttledOf(List<CompletableFuture<GetPendingJobExecutionsResponse>> answers)
            throws Exception {
        long throttled = 0;
        for (CompletableFuture<GetPendingJobExecutionsResponse> answer : answers) {
            try {
                answer.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                JobsException rejection = assertInstanceOf(JobsException.class, e.getCause());
                assertEquals(ErrorCode.RequestThrottled, rejection.code());
                throttled++;
            }
        }
        return throttled;
    }
}
