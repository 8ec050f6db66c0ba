package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.RequestForwardingTest.failure;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.plain;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestFailureTest {
    private TestCloud cloud;
    private Harness harness;

    @BeforeEach
    void startCloud() throws Exception {
        cloud = TestCloud.start();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        cloud.close();
    }

    private UpstreamClient connected(int port, Map<String, Object> overrides) {
        Map<String, Object> values = plain(port, "gateway-failures");
        values.putAll(overrides);
        harness = Harness.started(options(values)).awaitState(ConnectionState.CONNECTED);
        return harness.client;
    }

    private static CompletableFuture<GetPendingJobExecutionsResponse> getPending(UpstreamClient client, String thing,
            String token) {
        return client.forward(new GetPendingJobExecutionsRequest(thing, token), AnswerReader.GET_PENDING);
    }

    @Test
    void anUnansweredRequestTimesOutAfterTheBoundAndIsForgotten() {
        UpstreamClient client = connected(cloud.port(), Map.of("requestTimeoutMillis", 400));
        cloud.behave(r -> TestCloud.Action.DROP);

        long start = System.nanoTime();
        UpstreamTimeoutException timeout = failure(getPending(client, "t1", "dev-1"), UpstreamTimeoutException.class);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis >= 390, "timed out after " + elapsedMillis + " ms");
        assertTrue(timeout.getMessage().contains("thing=t1 deviceToken=dev-1 upstreamToken=ej-"), timeout.getMessage());
        assertEquals(0, client.pendingRequests());
    }

    @Test
    void anAnswerArrivingAfterTheTimeoutIsLoggedWithItsRequestAndIgnored() throws Exception {
        UpstreamClient client = connected(cloud.port(), Map.of("requestTimeoutMillis", 300));
        cloud.behave(r -> TestCloud.Action.answerAfter(800));

        try (LogCapture logs = new LogCapture()) {
            failure(getPending(client, "t2", "dev-late"), UpstreamTimeoutException.class);

            await().atMost(Duration.ofSeconds(5)).until(() -> logs.text().contains("late answer on "
                    + "$aws/things/t2/jobs/get/accepted for GetPendingJobExecutions thing=t2 deviceToken=dev-late"));
        }
        // the connection carries on
        cloud.behave(r -> TestCloud.Action.ANSWER);
        assertEquals("dev-2", getPending(client, "t2", "dev-2").get(5, TimeUnit.SECONDS).clientToken());
    }

    @Test
    void withoutAConnectionARequestFailsAtOnceAsUnavailable() throws Exception {
        int deadPort = cloud.port();
        cloud.stop();
        Map<String, Object> values = plain(deadPort, "gateway-offline");
        harness = Harness.started(options(values));
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.client.state() == ConnectionState.BACKING_OFF);

        CompletableFuture<GetPendingJobExecutionsResponse> answer = getPending(harness.client, "t3", "dev-3");

        assertTrue(answer.isCompletedExceptionally(), "failed before returning");
        UpstreamUnavailableException unavailable = failure(answer, UpstreamUnavailableException.class);
        assertTrue(unavailable.getMessage().contains("thing=t3 deviceToken=dev-3"), unavailable.getMessage());
    }

    @Test
    void requestsInFlightFailAsTimedOutAtOnceWhenTheLinkDrops() throws Exception {
        try (MqttTap tap = MqttTap.plain(cloud.port())) {
            UpstreamClient client = connected(tap.port(), Map.of("requestTimeoutMillis", 60_000));
            cloud.behave(r -> TestCloud.Action.DROP);
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                inFlight.add(client.forward(new UpdateJobExecutionRequest("t4", "job-" + i,
                        JobExecutionStatus.SUCCEEDED, null, null, null, false, false, null, "dev-" + i),
                        AnswerReader.UPDATE));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> cloud.received().size() == 5);

            long start = System.nanoTime();
            tap.dropAll();

            for (CompletableFuture<?> request : inFlight) {
                UpstreamTimeoutException timeout = failure((CompletableFuture<?>) request,
                        UpstreamTimeoutException.class);
                assertTrue(timeout.getMessage().contains("connection lost"), timeout.getMessage());
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis < 5_000, "failed after " + elapsedMillis + " ms, not at once");
            assertEquals(0, client.pendingRequests());
        }
    }

    @Test
    void theCloudDroppingTheConnectionFailsTheRequestAsTimedOutAndTheConnectionComesBack() throws Exception {
        UpstreamClient client = connected(cloud.port(), Map.of("requestTimeoutMillis", 60_000));
        cloud.behave(r -> TestCloud.Action.DISCONNECT);

        failure(getPending(client, "t5", "dev-5"), UpstreamTimeoutException.class);

        cloud.behave(r -> TestCloud.Action.ANSWER);
        harness.awaitState(ConnectionState.CONNECTED);
        assertEquals("dev-6", getPending(client, "t5", "dev-6").get(10, TimeUnit.SECONDS).clientToken());
    }

    @Test
    void closingFailsTheRequestsInFlightAsTimedOut() {
        UpstreamClient client = connected(cloud.port(), Map.of("requestTimeoutMillis", 60_000));
        cloud.behave(r -> TestCloud.Action.DROP);
        CompletableFuture<GetPendingJobExecutionsResponse> answer = getPending(client, "t6", "dev-6");
        await().atMost(Duration.ofSeconds(5)).until(() -> cloud.received().size() == 1);

        harness.close();

        assertTrue(failure(answer, UpstreamTimeoutException.class).getMessage().contains("connection closed"));
        assertEquals(ConnectionState.DISCONNECTED, client.state());
        assertTrue(client.forward(new GetPendingJobExecutionsRequest("t6", "x"), AnswerReader.GET_PENDING)
                .isCompletedExceptionally());
        harness = null;
    }
}
