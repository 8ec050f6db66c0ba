package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.RequestForwardingTest.failure;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishRateTest {
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

    @Test
    void aBurstOfRequestsIsPacedSoThatNoSecondCarriesMoreThanRatePlusBurst() throws Exception {
        // 40 units/s, burst 4: each request takes 2 units (request + answer) -> at most 22 requests in any second
        Map<String, Object> values = plain(cloud.port(), "gateway-paced");
        values.put("publishRatePerSecond", 40);
        values.put("publishBurst", 4);
        values.put("requestTimeoutMillis", 20_000);
        harness = Harness.started(options(values)).awaitState(ConnectionState.CONNECTED);

        List<CompletableFuture<?>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            answers.add(harness.client.forward(new GetPendingJobExecutionsRequest("t" + i, "d" + i),
                    AnswerReader.GET_PENDING));
        }
        CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        List<Long> arrivals = cloud.received().stream().map(TestCloud.Received::nanos).sorted().toList();
        assertEquals(50, arrivals.size());
        int busiest = 0;
        for (long from : arrivals) {
            int inWindow = (int) arrivals.stream().filter(t -> t >= from && t < from + 1_000_000_000L).count();
            busiest = Math.max(busiest, inWindow);
        }
        assertTrue(busiest <= 22 + 1, "busiest second carried " + busiest + " requests"); // +1: scheduling jitter
        // (50 * 2 - 4) units at 40/s
        assertTrue(elapsedMillis >= 2_300, "50 requests took only " + elapsedMillis + " ms");
    }

    @Test
    void aRequestThatCannotGetAPublishSlotWithinHalfItsBoundFailsAsUnavailableAndIsNotSent() {
        // 1 unit/s, burst 2: the first request takes the burst, the second would wait 2 s > half of 1 s
        Map<String, Object> values = plain(cloud.port(), "gateway-starved");
        values.put("publishRatePerSecond", 1);
        values.put("publishBurst", 2);
        values.put("requestTimeoutMillis", 1_000);
        harness = Harness.started(options(values)).awaitState(ConnectionState.CONNECTED);

        CompletableFuture<?> first = harness.client.forward(new GetPendingJobExecutionsRequest("t1", "d1"),
                AnswerReader.GET_PENDING);
        CompletableFuture<?> second = harness.client.forward(new GetPendingJobExecutionsRequest("t2", "d2"),
                AnswerReader.GET_PENDING);

        UpstreamUnavailableException unavailable = failure(second, UpstreamUnavailableException.class);
        assertTrue(unavailable.getMessage().contains("publish rate limit"), unavailable.getMessage());
        first.join();
        assertEquals(List.of("t1"), cloud.received().stream().map(r -> r.request().thingName()).toList());
    }
}
