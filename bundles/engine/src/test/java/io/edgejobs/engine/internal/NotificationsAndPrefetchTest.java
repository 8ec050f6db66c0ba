package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.DOC;
import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.execution;
import static io.edgejobs.engine.internal.EngineFixture.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobNotificationListener;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.upstream.ConnectionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache kept warm: notifications written through and relayed, prefetch at connect and for new things. */
class NotificationsAndPrefetchTest {

    @TempDir
    Path dir;
    private EngineFixture gateway;
    private final List<String> relayed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions().withThings(Set.of("configured-1")));
        // the cloud describes anything with its document; lists whatever the test sets
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                new JobExecution(r.jobId(), r.thingName(), r.includeJobDocument() ? DOC : null,
                        JobExecutionStatus.QUEUED, Map.of(), T0, null, T0, 1, 1, null), T0, null));
        gateway.engine.addNotificationListener(new JobNotificationListener() {
            @Override
            public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
                relayed.add("notify " + thingName);
            }

            @Override
            public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
                // what a device does on notify-next: look into the cache right away
                relayed.add("notify-next " + thingName + " cached=" + gateway.store.latestExecution(thingName,
                        event.execution() == null ? "-" : event.execution().jobId()).isPresent());
            }
        });
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void notifyNextOfANewJobIsCachedWithItsDocumentBeforeItIsRelayed() {
        // given
        gateway.connect();
        JobExecution fresh = execution("job-new", JobExecutionStatus.QUEUED, 1, Map.of(), DOC);

        // when the cloud announces it
        gateway.engine.nextJobExecutionChanged(THING, new NextJobExecutionChangedEvent(fresh, T0));

        // then the relay saw it cached, with the document, and nothing had to be described
        await().atMost(Duration.ofSeconds(5)).until(() -> relayed.contains("notify-next pump-1 cached=true"));
        assertEquals(DOC, gateway.store.document("job-new").orElseThrow().document());
        assertEquals(1, gateway.cached("job-new").versionNumber());
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).isEmpty());
    }

    @Test
    void notifyNextWithNothingPendingMakesTheEngineDescribeTheCachedPendingOnes() throws Exception {
        // given job-1 IN_PROGRESS in the cache, which the cloud has meanwhile canceled
        gateway.connect();
        gateway.cache(record("job-1", JobExecutionStatus.IN_PROGRESS, 2));
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                execution("job-1", JobExecutionStatus.CANCELED, 3, Map.of(), null), T0.plusSeconds(60), null));

        // when the cloud says nothing is pending any more
        gateway.engine.nextJobExecutionChanged(THING, new NextJobExecutionChangedEvent(null, T0.plusSeconds(60)));

        // then it is relayed, and the cache learns that job-1 was canceled
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.cached("job-1").status()
                == JobExecutionStatus.CANCELED);
        assertTrue(relayed.contains("notify-next pump-1 cached=false"));
        assertEquals(3, gateway.cached("job-1").versionNumber());
    }

    @Test
    void notifyListingAnUnknownExecutionIsRelayedAndTheExecutionDescribed() {
        // given
        gateway.connect();
        JobExecutionsChangedEvent event = new JobExecutionsChangedEvent(Map.of(JobExecutionStatus.QUEUED,
                List.of(execution("job-7", JobExecutionStatus.QUEUED, 1, Map.of(), null).summary())), T0);

        // when
        gateway.engine.jobExecutionsChanged(THING, event);

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.store.latestExecution(THING, "job-7").isPresent());
        assertTrue(relayed.contains("notify pump-1"));
        assertEquals(DOC, gateway.store.document("job-7").orElseThrow().document());
    }

    @Test
    void aDescribeThatCouldNotBeSentForANotifyIsRetriedUntilTheExecutionIsCached() {
        // given a connected gateway whose connection has no publish budget left for the first two Describes
        gateway.connect();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<DescribeJobExecutionRequest, java.util.concurrent.CompletionStage<
                DescribeJobExecutionResponse>> cloud = gateway.upstream.describe;
        gateway.upstream.describe = r -> refused.getAndIncrement() < 2
                ? CompletableFuture.failedFuture(new io.edgejobs.api.upstream.UpstreamUnavailableException(
                        "publish rate limit: no slot in time"))
                : cloud.apply(r);
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(execution("job-8", JobExecutionStatus.QUEUED, 1, Map.of(), null).summary()), T0,
                null));
        JobExecutionsChangedEvent event = new JobExecutionsChangedEvent(Map.of(JobExecutionStatus.QUEUED,
                List.of(execution("job-8", JobExecutionStatus.QUEUED, 1, Map.of(), null).summary())), T0);

        // when the cloud announces job-8
        gateway.engine.jobExecutionsChanged(THING, event);

        // then the refresh is tried again (a sync of the thing) until job-8 is cached with its document
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.store.latestExecution(THING, "job-8").isPresent());
        assertEquals(DOC, gateway.store.document("job-8").orElseThrow().document());
        assertTrue(refused.get() >= 3, "describes " + refused.get());
    }

    @Test
    void connectingPrefetchesEveryKnownThingAndWatchesThem() {
        // given a cloud where the configured thing has job-p pending
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(execution("job-p", JobExecutionStatus.QUEUED, 1, Map.of(), null).summary()), T0,
                null));

        // when the connection comes up
        gateway.upstream.state = ConnectionState.CONNECTED;
        gateway.engine.setUpstream(gateway.upstream);

        // then its notifications are watched, its pending execution and document cached, and it is known
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.knownThings().contains("configured-1"));
        assertTrue(gateway.upstream.watched.contains(Set.of("configured-1")));
        assertNotNull(gateway.store.latestExecution("configured-1", "job-p").orElse(null));
        assertEquals(DOC, gateway.store.document("job-p").orElseThrow().document());
        DescribeJobExecutionRequest describe = gateway.upstream.received(DescribeJobExecutionRequest.class).get(0);
        assertTrue(describe.includeJobDocument());
        assertEquals(1L, describe.executionNumber());
    }

    @Test
    void aThingSeenForTheFirstTimeIsWatchedAndPrefetched() {
        // given a connected gateway and a cloud with nothing pending for anyone
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(), T0, null));
        gateway.connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.knownThings().contains("configured-1"));

        // when a device of a new thing shows up, twice
        gateway.engine.thingSeen("newcomer");
        gateway.engine.thingSeen("newcomer");

        // then the thing is watched with the others and synced once
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.knownThings().contains("newcomer"));
        assertTrue(gateway.upstream.watched.contains(Set.of("configured-1", "newcomer")));
        assertEquals(1, gateway.upstream.received(GetPendingJobExecutionsRequest.class).stream()
                .filter(r -> r.thingName().equals("newcomer")).count());
    }

    @Test
    void prefetchSkipsExecutionsTheCacheAlreadyHoldsWithTheirDocument() throws Exception {
        // given a cache already holding job-1 at the version the cloud lists
        gateway.cache(record("job-1", JobExecutionStatus.QUEUED, 1));
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), r.thingName().equals(THING)
                        ? List.of(execution("job-1", JobExecutionStatus.QUEUED, 1, Map.of(), null).summary())
                        : List.of(), T0, null));

        gateway.engine.thingSeen(THING);

        // when
        gateway.connect();

        // then both things are synced (pump-1 perhaps twice: seen, then connected), and nothing was described
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.knownThings().contains("configured-1")
                && gateway.upstream.received(GetPendingJobExecutionsRequest.class).stream()
                        .anyMatch(r -> r.thingName().equals(THING))
                && gateway.engine.prefetchesPending() == 0);
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).isEmpty());
    }
}
