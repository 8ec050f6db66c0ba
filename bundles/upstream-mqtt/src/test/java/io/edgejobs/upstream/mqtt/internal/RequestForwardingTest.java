package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.plain;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.unpaced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.upstream.ConnectionState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestForwardingTest {
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

    private UpstreamClient connected(Map<String, Object> overrides, boolean unpaced) {
        Map<String, Object> values = plain(cloud.port(), "gateway-forwarding");
        values.putAll(overrides);
        UpstreamOptions o = options(values);
        harness = Harness.started(unpaced ? unpaced(o) : o).awaitState(ConnectionState.CONNECTED);
        return harness.client;
    }

    @Test
    void twoHundredConcurrentRequestsForTwentyThingsEachGetTheirOwnAnswerWithTheDeviceTokenRestored()
            throws Exception {
        UpstreamClient client = connected(Map.of(), true);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String thing = "thing-" + (i % 20);
                String deviceToken = "device-" + i;
                int kind = i % 4;
                checks.add(CompletableFuture.supplyAsync(() -> kind, callers)
                        .thenCompose(k -> checkOne(client, k, thing, deviceToken)));
            }
            CompletableFuture.allOf(checks.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }

        List<TestCloud.Received> received = cloud.received();
        assertEquals(200, received.size());
        Set<String> upstreamTokens = new HashSet<>();
        for (TestCloud.Received r : received) {
            String token = r.request().clientToken();
            assertFalse(token.startsWith("device-"), "a device token reached the cloud: " + token);
            assertTrue(token.length() <= 64, token);
            upstreamTokens.add(token);
        }
        assertEquals(200, upstreamTokens.size(), "upstream tokens are unique");
        assertEquals(0, client.pendingRequests());
    }

    /** Sends one request of the given kind and checks the answer belongs to it. */
    private static CompletableFuture<Void> checkOne(UpstreamClient client, int kind, String thing, String token) {
        switch (kind) {
            case 0:
                return client.forward(new GetPendingJobExecutionsRequest(thing, token), AnswerReader.GET_PENDING)
                        .thenAccept(r -> {
                            assertEquals(token, r.clientToken());
                            assertEquals("job-" + thing, r.queuedJobs().get(0).jobId());
                        });
            case 1:
                return client.forward(new StartNextPendingJobExecutionRequest(thing, Map.of("step", "1"), null,
                        token), AnswerReader.START_NEXT).thenAccept(r -> {
                            assertEquals(token, r.clientToken());
                            assertEquals(thing, r.execution().thingName());
                            assertEquals("{\"operation\":\"" + thing + "\"}", r.execution().jobDocument());
                        });
            case 2:
                return client.forward(new DescribeJobExecutionRequest(thing, "job-x-" + token, null, true, token),
                        AnswerReader.DESCRIBE).thenAccept(r -> {
                            assertEquals(token, r.clientToken());
                            assertEquals("job-x-" + token, r.execution().jobId());
                            assertEquals(thing, r.execution().thingName());
                        });
            default:
                return client.forward(new UpdateJobExecutionRequest(thing, "job-u-" + token,
                        JobExecutionStatus.SUCCEEDED, null, 1L, null, true, false, null, token), AnswerReader.UPDATE)
                        .thenAccept(r -> {
                            assertEquals(token, r.clientToken());
                            assertEquals(Map.of("thing", thing, "job", "job-u-" + token),
                                    r.executionState().statusDetails());
                        });
        }
    }

    @Test
    void theRequestIsForwardedOnTheSameTopicWithTheSameContentAndOnlyTheTokenReplaced() throws Exception {
        UpstreamClient client = connected(Map.of(), false);
        UpdateJobExecutionRequest request = new UpdateJobExecutionRequest("boiler-7", "firmware-2",
                JobExecutionStatus.IN_PROGRESS, Map.of("progress", "50%"), 3L, 1L, true, true, 30L, "dev-token");

        UpdateJobExecutionResponse answer = client.forward(request, AnswerReader.UPDATE).get(10, TimeUnit.SECONDS);

        assertEquals("dev-token", answer.clientToken());
        TestCloud.Received received = cloud.received().get(0);
        assertEquals("$aws/things/boiler-7/jobs/firmware-2/update", received.topic());
        UpdateJobExecutionRequest upstream = (UpdateJobExecutionRequest) received.request();
        assertEquals(new UpdateJobExecutionRequest("boiler-7", "firmware-2", JobExecutionStatus.IN_PROGRESS,
                Map.of("progress", "50%"), 3L, 1L, true, true, 30L, upstream.clientToken()), upstream);
        assertTrue(upstream.clientToken().startsWith("ej-"), upstream.clientToken());
    }

    @Test
    void aRequestWithoutDeviceTokenIsForwardedWithTheConnectionsTokenAndAnsweredWithoutToken() throws Exception {
        UpstreamClient client = connected(Map.of(), false);

        DescribeJobExecutionResponse answer = client.forward(new DescribeJobExecutionRequest("t1",
                DescribeJobExecutionRequest.NEXT, null, true, null), AnswerReader.DESCRIBE).get(10, TimeUnit.SECONDS);

        assertNull(answer.clientToken());
        assertEquals("job-t1", answer.execution().jobId());
        assertEquals("$aws/things/t1/jobs/$next/get", cloud.received().get(0).topic());
        assertTrue(cloud.received().get(0).request().clientToken().startsWith("ej-"));
    }

    @Test
    void aCloudRejectionCompletesWithItsCodeMessageAndStateAndKeepsBothTokens() throws Exception {
        UpstreamClient client = connected(Map.of(), false);
        JobExecutionState current = new JobExecutionState(JobExecutionStatus.IN_PROGRESS, Map.of("a", "b"), 7);
        cloud.behave(r -> TestCloud.Action.reject(ErrorCode.VersionMismatch, current));

        CompletableFuture<UpdateJobExecutionResponse> answer = client.forward(new UpdateJobExecutionRequest("t2",
                "job-1", JobExecutionStatus.SUCCEEDED, null, 3L, null, false, false, null, "dev-9"),
                AnswerReader.UPDATE);

        JobsException rejection = failure(answer, JobsException.class);
        assertEquals(ErrorCode.VersionMismatch, rejection.code());
        assertEquals("rejected by the test cloud", rejection.getMessage());
        assertEquals(current, rejection.executionState());
        UpstreamRejectedException detailed = assertInstanceOf(UpstreamRejectedException.class, rejection);
        assertEquals("dev-9", detailed.errorResponse().clientToken());
        assertEquals(TestCloud.NOW, detailed.errorResponse().timestamp());
        assertEquals(cloud.received().get(0).request().clientToken(), detailed.upstreamClientToken());
    }

    @Test
    void aMalformedAnswerFailsTheRequestWithInternalError() throws Exception {
        UpstreamClient client = connected(Map.of(), false);
        cloud.behave(r -> TestCloud.Action.GARBAGE);

        try (LogCapture logs = new LogCapture()) {
            CompletableFuture<GetPendingJobExecutionsResponse> answer = client.forward(
                    new GetPendingJobExecutionsRequest("t3", "dev-1"), AnswerReader.GET_PENDING);

            JobsException failure = failure(answer, JobsException.class);
            assertEquals(ErrorCode.InternalError, failure.code());
            assertTrue(logs.text().contains("malformed answer on $aws/things/t3/jobs/get/accepted for "
                    + "GetPendingJobExecutions thing=t3 deviceToken=dev-1 upstreamToken=ej-"), logs.text());
        }
        assertEquals(0, client.pendingRequests());
    }

    @Test
    void aThingNameThatCannotFormATopicIsAnInvalidRequestAndNothingIsSent() throws Exception {
        UpstreamClient client = connected(Map.of(), false);

        JobsException failure = failure(client.forward(new StartNextPendingJobExecutionRequest("bad/thing", null,
                null, "d"), AnswerReader.START_NEXT), JobsException.class);

        assertEquals(ErrorCode.InvalidRequest, failure.code());
        assertTrue(cloud.received().isEmpty());
    }

    @Test
    void answersAreDeliveredOnTheEventsThreadNotOnPahosThreads() throws Exception {
        UpstreamClient client = connected(Map.of(), false);
        // the events thread is held until the dependent stage is attached: an answer completing the stage
        // earlier would run the stage on this thread and prove nothing
        java.util.concurrent.CountDownLatch attached = new java.util.concurrent.CountDownLatch(1);
        assertTrue(harness.events.execute(() -> awaitQuietly(attached)));

        CompletableFuture<String> thread = client.forward(new GetPendingJobExecutionsRequest("t4", "d"),
                AnswerReader.GET_PENDING).thenApply(r -> Thread.currentThread().getName());
        attached.countDown();

        String name = thread.get(10, TimeUnit.SECONDS);
        assertTrue(name.startsWith("edgejobs-upstream-events-"), name);
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <X extends Throwable> X failure(CompletableFuture<?> future, Class<X> type) {
        try {
            future.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return assertInstanceOf(type, e.getCause());
        } catch (Exception e) {
            throw new AssertionError("no outcome: " + e, e);
        }
        throw new AssertionError("completed normally, expected " + type.getSimpleName());
    }

}
