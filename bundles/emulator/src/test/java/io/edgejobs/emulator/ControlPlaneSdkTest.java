package io.edgejobs.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.model.CreateJobResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.InvalidStateTransitionException;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.Job;
import software.amazon.awssdk.services.iot.model.JobExecution;
import software.amazon.awssdk.services.iot.model.JobExecutionSummaryForJob;
import software.amazon.awssdk.services.iot.model.LimitExceededException;
import software.amazon.awssdk.services.iot.model.ListJobsResponse;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.VersionConflictException;

/** The control plane driven by the official AWS SDK for Java v2 {@code IotClient} through an endpoint override. */
class ControlPlaneSdkTest {

    private static final String DOC = "{\"operation\":\"reboot\",\"delaySeconds\":5}";

    private EmulatorFixture cloud;

    @BeforeEach
    void start() throws Exception {
        cloud = EmulatorFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        cloud.close();
    }

    @Test
    void createAndDescribeAJob() {
        Instant before = Instant.now().minusSeconds(1);
        CreateJobResponse created = cloud.iot.createJob(b -> b.jobId("reboot-1").document(DOC)
                .description("nightly reboot")
                .targets(cloud.thingArn("gw-1"), "gw-2")
                .timeoutConfig(t -> t.inProgressTimeoutInMinutes(30L))
                .presignedUrlConfig(p -> p.roleArn("arn:aws:iam::123456789012:role/x").expiresInSec(600L)));

        assertEquals("reboot-1", created.jobId());
        assertEquals("arn:aws:iot:us-east-1:123456789012:job/reboot-1", created.jobArn());
        assertEquals("nightly reboot", created.description());

        Job job = cloud.iot.describeJob(b -> b.jobId("reboot-1")).job();
        assertEquals("IN_PROGRESS", job.statusAsString());
        assertEquals("SNAPSHOT", job.targetSelectionAsString());
        assertEquals(List.of(cloud.thingArn("gw-1"), cloud.thingArn("gw-2")), job.targets());
        assertEquals(30L, job.timeoutConfig().inProgressTimeoutInMinutes());
        assertEquals(600L, job.presignedUrlConfig().expiresInSec());
        assertEquals(2, job.jobProcessDetails().numberOfQueuedThings());
        assertFalse(job.forceCanceled());
        assertTrue(job.createdAt().isAfter(before) && job.createdAt().isBefore(Instant.now().plusSeconds(1)),
                "createdAt " + job.createdAt());
        assertNull(job.completedAt());

        assertEquals(DOC, cloud.iot.getJobDocument(b -> b.jobId("reboot-1")).document());
    }

    @Test
    void badCreateJobRequestsAreRefusedTheAwsWay() {
        cloud.createJob("reboot-1", DOC, "gw-1");

        assertThrows(ResourceAlreadyExistsException.class, () -> cloud.createJob("reboot-1", DOC, "gw-1"));
        assertThrows(InvalidRequestException.class, () -> cloud.createJob("reboot-2", "not json", "gw-1"));
        assertThrows(InvalidRequestException.class, () -> cloud.iot.createJob(b -> b.jobId("reboot-3").document(DOC)
                .targets("arn:aws:iot:us-east-1:123456789012:thinggroup/line-1")));
        assertThrows(InvalidRequestException.class, () -> cloud.iot.createJob(b -> b.jobId("reboot-4").document(DOC)
                .targets("gw-1").timeoutConfig(t -> t.inProgressTimeoutInMinutes(0L))));
        assertThrows(ResourceNotFoundException.class, () -> cloud.iot.describeJob(b -> b.jobId("missing")));
    }

    @Test
    void tooManyActiveJobsIsLimitExceeded() throws Exception {
        try (EmulatorFixture small = EmulatorFixture.start(s -> s.withMaxActiveJobs(1))) {
            small.createJob("one", DOC, "gw-1");
            LimitExceededException e = assertThrows(LimitExceededException.class,
                    () -> small.createJob("two", DOC, "gw-1"));
            assertEquals(410, e.statusCode());
        }
    }

    @Test
    void listsArePagedAndFiltered() {
        cloud.createJob("a", DOC, "gw-1", "gw-2");
        cloud.createJob("b", DOC, "gw-1");
        cloud.iot.cancelJobExecution(b -> b.jobId("a").thingName("gw-2"));

        ListJobsResponse first = cloud.iot.listJobs(b -> b.maxResults(1));
        assertEquals(1, first.jobs().size());
        assertNotNull(first.nextToken());
        ListJobsResponse second = cloud.iot.listJobs(b -> b.maxResults(1).nextToken(first.nextToken()));
        assertEquals(1, second.jobs().size());
        assertNull(second.nextToken());
        assertEquals(2, cloud.iot.listJobsPaginator(b -> b.maxResults(1)).jobs().stream().count());

        List<JobExecutionSummaryForJob> forJob = cloud.iot.listJobExecutionsForJob(b -> b.jobId("a"))
                .executionSummaries();
        assertEquals(List.of(cloud.thingArn("gw-1"), cloud.thingArn("gw-2")),
                forJob.stream().map(JobExecutionSummaryForJob::thingArn).toList());
        assertEquals(1, cloud.iot.listJobExecutionsForJob(b -> b.jobId("a").status("CANCELED"))
                .executionSummaries().size());

        var forThing = cloud.iot.listJobExecutionsForThing(b -> b.thingName("gw-1")).executionSummaries();
        assertEquals(2, forThing.size());
        assertEquals("QUEUED", forThing.get(0).jobExecutionSummary().statusAsString());
        assertEquals(List.of("a"), cloud.iot.listJobExecutionsForThing(b -> b.thingName("gw-1").jobId("a"))
                .executionSummaries().stream().map(s -> s.jobId()).toList());
    }

    @Test
    void cancelAJobExecutionWithDetailsAndVersionCheck() {
        cloud.createJob("a", DOC, "gw-1");

        assertThrows(VersionConflictException.class, () -> cloud.iot.cancelJobExecution(b -> b.jobId("a")
                .thingName("gw-1").expectedVersion(5L)));
        cloud.iot.cancelJobExecution(b -> b.jobId("a").thingName("gw-1").expectedVersion(1L)
                .statusDetails(Map.of("reason", "superseded")));

        JobExecution execution = cloud.iot.describeJobExecution(b -> b.jobId("a").thingName("gw-1")).execution();
        assertEquals("CANCELED", execution.statusAsString());
        assertEquals(2L, execution.versionNumber());
        assertEquals(Map.of("reason", "superseded"), execution.statusDetails().detailsMap());
        assertFalse(execution.forceCanceled());
        assertThrows(InvalidStateTransitionException.class,
                () -> cloud.iot.cancelJobExecution(b -> b.jobId("a").thingName("gw-1").force(true)));
        assertEquals("COMPLETED", cloud.iot.describeJob(b -> b.jobId("a")).job().statusAsString());
    }

    @Test
    void deleteExecutionsAndJobs() {
        cloud.createJob("a", DOC, "gw-1", "gw-2");

        assertThrows(InvalidStateTransitionException.class,
                () -> cloud.iot.deleteJobExecution(b -> b.jobId("a").thingName("gw-1").executionNumber(1L)));
        cloud.iot.deleteJobExecution(b -> b.jobId("a").thingName("gw-1").executionNumber(1L).force(true));
        assertThrows(ResourceNotFoundException.class,
                () -> cloud.iot.describeJobExecution(b -> b.jobId("a").thingName("gw-1")));

        assertThrows(InvalidStateTransitionException.class, () -> cloud.iot.deleteJob(b -> b.jobId("a")));
        cloud.iot.cancelJob(b -> b.jobId("a"));
        cloud.iot.deleteJobExecution(b -> b.jobId("a").thingName("gw-2").executionNumber(1L));
        cloud.iot.deleteJob(b -> b.jobId("a"));
        assertThrows(ResourceNotFoundException.class, () -> cloud.iot.describeJob(b -> b.jobId("a")));
        assertTrue(cloud.iot.listJobExecutionsForThing(b -> b.thingName("gw-2")).executionSummaries().isEmpty());
        // the job id can be used again once the job is gone
        cloud.createJob("a", DOC, "gw-2");
        assertEquals(1L, cloud.iot.describeJobExecution(b -> b.jobId("a").thingName("gw-2")).execution()
                .executionNumber());
    }

    @Test
    void anOperationTheEmulatorDoesNotServeIsAnAwsErrorNotASilentSuccess() throws Exception {
        IotException sdk = assertThrows(IotException.class, () -> cloud.iot.listThings());
        assertEquals(404, sdk.statusCode());
        assertEquals("UnknownOperationException", sdk.awsErrorDetails().errorCode());

        HttpResponse<String> raw = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(cloud.emulator.httpEndpoint() + "/jobs/x/nonsense"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, raw.statusCode());
        assertEquals("UnknownOperationException", raw.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        JsonNode body = new ObjectMapper().readTree(raw.body());
        assertTrue(body.get("message").isTextual());
    }

    @Test
    void errorsCarryTheRestJsonShape() throws Exception {
        HttpResponse<String> raw = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cloud.emulator.httpEndpoint() + "/jobs/missing")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, raw.statusCode());
        assertEquals("ResourceNotFoundException", raw.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertEquals("application/json", raw.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(new ObjectMapper().readTree(raw.body()).get("message").asText().contains("missing"));
    }
}
