package io.edgejobs.engine.internal;

import static io.edgejobs.engine.internal.EngineFixture.THING;
import static io.edgejobs.engine.internal.EngineFixture.T0;
import static io.edgejobs.engine.internal.EngineFixture.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.JobExecution;
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
    private EngineFixture gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new EngineFixture(dir, EngineFixture.fastOptions().withPresignedUrlMargin(Duration.ofSeconds(60)),
                clock);
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
}
