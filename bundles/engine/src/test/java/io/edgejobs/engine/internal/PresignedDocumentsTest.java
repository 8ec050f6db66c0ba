package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.StoreChange;
import io.edgejobs.api.upstream.ConnectionState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule 7 of docs/reconciliation.md: cached job documents with presigned URLs that expire. */
class PresignedDocumentsTest {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private final DeviceInbox devices = new DeviceInbox();
    private EngineFixture gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions().withPresignedUrlMargin(Duration.ofSeconds(60)),
                clock);
        gateway.engine.addNotificationListener(devices);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** A document with a firmware URL signed at {@code signedAt} for {@code validity}, JSON-escaped as AWS sends. */
    private static String documentSigned(Instant signedAt, Duration validity) {
        String url = PresignedUrlsTest.presigned("pump-2.4.bin", AMZ_DATE.format(signedAt), (int) validity.toSeconds());
        return "{\"operation\":\"install\",\"firmware\":\"" + PresignedUrlsTest.jsonEscaped(url) + "\"}";
    }

    private ExecutionRecord queued(String jobId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new ExecutionRecord(THING, jobId, 1, JobExecutionStatus.QUEUED, Map.of(), now, null, now, 1, null);
    }

    /** A QUEUED execution queued {@code secondsLater} after the clock's now (the queue order). */
    private ExecutionRecord queued(String jobId, int secondsLater) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(secondsLater);
        return new ExecutionRecord(THING, jobId, 1, JobExecutionStatus.QUEUED, Map.of(), at, null, at, 1, null);
    }

    /** The cloud's view of a QUEUED execution at version 1 with its document. */
    private static DescribeJobExecutionResponse described(ExecutionRecord cached, String document, Instant at) {
        return new DescribeJobExecutionResponse(new JobExecution(cached.jobId(), THING, document,
                JobExecutionStatus.QUEUED, Map.of(), cached.queuedAt(), null, cached.queuedAt(), 1, 1, null), at,
                null);
    }

    private UpdateJobExecutionRequest report(String jobId, JobExecutionStatus status, long expectedVersion,
            String token) {
        return new UpdateJobExecutionRequest(THING, jobId, status, null, expectedVersion, null, true, false, null,
                token);
    }

    private void cache(ExecutionRecord record, String document) throws Exception {
        await(gateway.store.commit(List.of(new StoreChange.PutExecution(record),
                new StoreChange.PutDocument(new JobDocumentRecord(record.jobId(), document, T0)),
                new StoreChange.AddThing(THING, T0))));
    }

    /** The cloud lists the job QUEUED at version 1 and describes it with {@code freshDocument}. */
    private void cloudServes(ExecutionRecord cached, String freshDocument) {
        JobExecution cloudView = new JobExecution(cached.jobId(), THING, freshDocument, JobExecutionStatus.QUEUED,
                Map.of(), cached.queuedAt(), null, cached.queuedAt(), 1, 1, null);
        gateway.upstream.getPending = r -> CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(
                List.of(), List.of(cloudView.summary()), clock.instant(), r.clientToken()));
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(new DescribeJobExecutionResponse(
                Boolean.FALSE.equals(r.includeJobDocument()) ? cloudView.withoutDocument() : cloudView,
                clock.instant(), r.clientToken()));
    }

    /** job-a started offline (so the thing is dirty) and job-b queued behind it with {@code jobBDocument}. */
    private ExecutionRecord jobARunningOfflineAndJobBBehind(String jobBDocument) throws Exception {
        ExecutionRecord jobA = queued("job-a", 0);
        ExecutionRecord jobB = queued("job-b", 1);
        cache(jobA, EngineFixture.DOC);
        cache(jobB, jobBDocument);
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));
        return jobB;
    }

    private String describedDocument(String jobId, String token) throws Exception {
        return await(gateway.engine.describeJobExecution(new DescribeJobExecutionRequest(THING, jobId, null, true,
                token))).execution().jobDocument();
    }

    private String cachedDocument(String jobId) {
        return gateway.store.document(jobId).map(JobDocumentRecord::document).orElseThrow();
    }

    @Test
    void offlineAnExpiredDocumentIsServedAndFlaggedOnceThenRefreshedAtReconnectBeforeItIsHandedOutAgain()
            throws Exception {
        // given a cached job whose firmware URL expired an hour ago
        String expired = documentSigned(clock.instant().minus(Duration.ofHours(2)), Duration.ofHours(1));
        ExecutionRecord job = queued("job-fw");
        cache(job, expired);

        // when a device of the thing, connected to the gateway, describes it twice while AWS IoT cannot be reached
        gateway.engine.thingSeen(THING);
        String first = describedDocument("job-fw", "d-1");
        String second = describedDocument("job-fw", "d-2");

        // then it is served as it is (the device decides), and flagged once for this job and expiry
        assertEquals(expired, first);
        assertEquals(expired, second);
        assertEquals(1, gateway.engine.documentFreshness().flagged().size());
        assertTrue(gateway.engine.documentFreshness().flagged().iterator().next().startsWith("job-fw|"));

        // when the link comes back and the cloud hands out a freshly signed URL
        String fresh = documentSigned(clock.instant(), Duration.ofHours(1));
        cloudServes(job, fresh);
        gateway.connect();

        // then the reconnect sync describes it again with its document, and the fresh one replaces the cached one
        await().atMost(Duration.ofSeconds(5)).until(() -> fresh.equals(cachedDocument("job-fw")));
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).stream()
                .anyMatch(r -> "job-fw".equals(r.jobId()) && Boolean.TRUE.equals(r.includeJobDocument())));

        // and when the link drops again, the cache hands out the fresh document, not flagged
        gateway.upstream.state = ConnectionState.DISCONNECTED;
        assertEquals(fresh, describedDocument("job-fw", "d-3"));
        assertEquals(1, gateway.engine.documentFreshness().flagged().size());
    }

    @Test
    void aDirtyThingAnsweredFromTheCacheWhileOnlineNeverHandsOutADocumentThatExpiresWithinTheMargin()
            throws Exception {
        // given a job whose URL expires in 30 s (inside the 60 s margin), started offline: the thing is dirty
        String expiring = documentSigned(clock.instant().minus(Duration.ofSeconds(570)), Duration.ofMinutes(10));
        ExecutionRecord job = queued("job-fw");
        cache(job, expiring);
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));
        assertEquals(1, gateway.store.outboxSize());
        // and a cloud that cannot take the replayed update (the default of the scripted upstream) but describes
        String fresh = documentSigned(clock.instant(), Duration.ofHours(1));
        cloudServes(job, fresh);

        // when the link is up and a device describes the job (answered locally: the thing is dirty)
        gateway.connect();
        DescribeJobExecutionResponse answer = await(gateway.engine.describeJobExecution(
                new DescribeJobExecutionRequest(THING, "job-fw", null, true, "d-1")));

        // then the answer is the local one (IN_PROGRESS, what the device was told) with the fresh document
        assertEquals(JobExecutionStatus.IN_PROGRESS, answer.execution().status());
        assertEquals(2, answer.execution().versionNumber());
        assertEquals(fresh, answer.execution().jobDocument());
        assertEquals(fresh, cachedDocument("job-fw"));
        assertEquals(1, gateway.store.outboxSize(), "still dirty: answered from the cache");
    }

    @Test
    void aDirtyThingsUpdateAskingForTheDocumentWhileOnlineGetsItFreshlySigned() throws Exception {
        // given a job whose URL expired, started offline: the thing is dirty
        String expired = documentSigned(clock.instant().minus(Duration.ofHours(2)), Duration.ofHours(1));
        ExecutionRecord job = queued("job-fw");
        cache(job, expired);
        await(gateway.engine.startNextPendingJobExecution(new StartNextPendingJobExecutionRequest(THING, null, null,
                "t-0")));
        String fresh = documentSigned(clock.instant(), Duration.ofHours(1));
        cloudServes(job, fresh);

        // when the link is up and the device reports progress asking for the document (answered locally)
        gateway.connect();
        UpdateJobExecutionResponse answer = await(gateway.engine.updateJobExecution(new UpdateJobExecutionRequest(
                THING, "job-fw", JobExecutionStatus.IN_PROGRESS, Map.of("step", "download"), 2L, null, true, true,
                null, "d-1")));

        // then the update is accepted locally with the fresh document
        assertEquals(3, answer.executionState().versionNumber());
        assertEquals(fresh, answer.jobDocument());
        assertEquals(fresh, cachedDocument("job-fw"));
    }

    @Test
    void aNotifyNextTheGatewayComputesWhileOnlineCarriesTheFreshlySignedDocumentAndLaterOnesWaitBehindIt()
            throws Exception {
        // given job-a to run now, and job-b behind it whose firmware URL expires in 30 s (inside the margin)
        String expiring = documentSigned(clock.instant().minus(Duration.ofSeconds(570)), Duration.ofMinutes(10));
        // and job-a started offline: the thing is dirty, so it stays answered locally once the link is up
        ExecutionRecord jobB = jobARunningOfflineAndJobBBehind(expiring);
        // and a cloud that takes its time to describe job-b again
        String fresh = documentSigned(clock.instant(), Duration.ofHours(1));
        CompletableFuture<DescribeJobExecutionResponse> slowDescribe = new CompletableFuture<>();
        gateway.upstream.describe = r -> "job-b".equals(r.jobId()) && Boolean.TRUE.equals(r.includeJobDocument())
                ? slowDescribe : ScriptedUpstream.unavailable();
        gateway.connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.upstream.received(UpdateJobExecutionRequest.class)
                .isEmpty());

        // when the device finishes job-a, then rejects job-b, both answered locally while the cloud is reachable
        UpdateJobExecutionResponse done = await(gateway.engine.updateJobExecution(report("job-a",
                JobExecutionStatus.SUCCEEDED, 2, "t-1")));
        UpdateJobExecutionResponse rejected = await(gateway.engine.updateJobExecution(report("job-b",
                JobExecutionStatus.REJECTED, 1, "t-2")));

        // then neither answer waited for the cloud: both are committed while job-b's document is being fetched
        assertEquals(3, done.executionState().versionNumber());
        assertEquals(2, rejected.executionState().versionNumber());
        assertEquals(3, gateway.store.outboxSize());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.upstream.received(DescribeJobExecutionRequest.class)
                .stream().anyMatch(r -> "job-b".equals(r.jobId())));
        // and no notification went out yet: the later one (queue empty) must not overtake the one announcing job-b
        assertTrue(devices.notify.isEmpty() && devices.notifyNext.isEmpty());

        // when the cloud answers with a freshly signed document
        slowDescribe.complete(described(jobB, fresh, clock.instant()));

        // then the devices hear, in order, of job-b with the fresh document, then of an empty queue
        await().atMost(Duration.ofSeconds(5)).until(() -> devices.notifyNext.size() == 2);
        NextJobExecutionChangedEvent announced = devices.notifyNext.get(0);
        assertEquals("job-b", announced.execution().jobId());
        assertEquals(1, announced.execution().versionNumber(), "the execution as the gateway had it");
        assertEquals(fresh, announced.execution().jobDocument());
        assertNull(devices.notifyNext.get(1).execution());
        assertEquals(2, devices.notify.size());
        assertTrue(gateway.engine.documentFreshness().flagged().isEmpty());
    }

    @Test
    void whenTheRefreshForALocalNotifyNextFailsTheCachedDocumentGoesOutFlagged() throws Exception {
        // given job-a started offline and job-b behind it with a firmware URL that expired an hour ago
        String expired = documentSigned(clock.instant().minus(Duration.ofHours(2)), Duration.ofHours(1));
        jobARunningOfflineAndJobBBehind(expired);
        // and a reachable cloud that fails to describe
        gateway.upstream.describe = r -> CompletableFuture.failedFuture(new JobsException(ErrorCode.InternalError,
                "try again"));
        gateway.connect();

        // when the device finishes job-a (answered locally: the thing is dirty)
        await(gateway.engine.updateJobExecution(report("job-a", JobExecutionStatus.SUCCEEDED, 2, "t-1")));

        // then the cloud was asked, and the devices still hear of job-b, with the cached document, flagged
        await().atMost(Duration.ofSeconds(5)).until(() -> devices.notifyNext.size() == 1);
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).stream()
                .anyMatch(r -> "job-b".equals(r.jobId()) && Boolean.TRUE.equals(r.includeJobDocument())));
        assertEquals(expired, devices.notifyNext.get(0).execution().jobDocument());
        assertEquals(1, gateway.engine.documentFreshness().flagged().size());
        assertTrue(gateway.engine.documentFreshness().flagged().iterator().next().startsWith("job-b|"));
    }

    @Test
    void offlineALocalNotifyNextCarriesTheCachedDocumentAsItIsFlaggedOnce() throws Exception {
        // given job-a running offline and job-b behind it with a firmware URL that expired
        String expired = documentSigned(clock.instant().minus(Duration.ofHours(2)), Duration.ofHours(1));
        jobARunningOfflineAndJobBBehind(expired);

        // when the device finishes job-a, then describes job-b, while AWS IoT cannot be reached
        await(gateway.engine.updateJobExecution(report("job-a", JobExecutionStatus.SUCCEEDED, 2, "t-1")));
        String described = describedDocument("job-b", "d-1");

        // then notify-next announced job-b at once with the document as it is, and it was flagged once
        assertEquals(1, devices.notifyNext.size());
        assertEquals(expired, devices.notifyNext.get(0).execution().jobDocument());
        assertEquals(expired, described);
        assertEquals(1, gateway.engine.documentFreshness().flagged().size());
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).isEmpty());
    }

    @Test
    void aDirtyThingsStartNextWhileOnlineStartsTheNextJobWithItsDocumentFreshlySigned() throws Exception {
        // given job-a finished offline (the thing is dirty) and job-b behind it, its URL expiring in 30 s
        String expiring = documentSigned(clock.instant().minus(Duration.ofSeconds(570)), Duration.ofMinutes(10));
        ExecutionRecord jobB = jobARunningOfflineAndJobBBehind(expiring);
        await(gateway.engine.updateJobExecution(report("job-a", JobExecutionStatus.SUCCEEDED, 2, "t-1")));
        // and a reachable cloud (it cannot take the replay, the scripted default) that describes job-b freshly
        String fresh = documentSigned(clock.instant(), Duration.ofHours(1));
        gateway.upstream.describe = r -> CompletableFuture.completedFuture(described(jobB, fresh, clock.instant()));
        gateway.connect();

        // when the device asks for its next job (answered locally: the thing is dirty)
        StartNextPendingJobExecutionResponse started = await(gateway.engine.startNextPendingJobExecution(
                new StartNextPendingJobExecutionRequest(THING, Map.of("step", "download"), null, "t-2")));

        // then job-b is started locally, with the freshly signed document, and the fresh one is cached
        assertEquals("job-b", started.execution().jobId());
        assertEquals(JobExecutionStatus.IN_PROGRESS, started.execution().status());
        assertEquals(2, started.execution().versionNumber());
        assertEquals(fresh, started.execution().jobDocument());
        assertEquals(fresh, cachedDocument("job-b"));
        assertTrue(gateway.upstream.received(DescribeJobExecutionRequest.class).stream()
                .anyMatch(r -> "job-b".equals(r.jobId()) && Boolean.TRUE.equals(r.includeJobDocument())));
        assertEquals(3, gateway.store.outboxSize(), "still dirty: answered from the cache");
    }
}
