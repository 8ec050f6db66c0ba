package io.edgejobs.emulator;

import static io.edgejobs.emulator.DeviceHappyPathTest.poll;
import static io.edgejobs.test.support.SdkDevice.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.test.support.SdkDevice;
import io.edgejobs.test.support.SdkRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.Job;

/**
 * Presigned-URL placeholders in job documents (created with AWS's IotClient, read by a device running AWS's
 * IotJobsV2Client): AWS IoT replaces each {@code ${aws:iot:s3-presigned-url:https://...}} by a presigned S3 URL
 * every time it hands the document to a device, valid {@code presignedUrlConfig.expiresInSec} from that moment.
 */
class PresignedUrlsTest {

    private static final String THING = "pump-7";
    private static final String FIRMWARE = "https://s3.amazonaws.com/fw-bucket/agent/3.0.bin";
    private static final String MANIFEST = "https://s3.amazonaws.com/fw-bucket/agent/3.0.json";
    private static final String DOCUMENT = "{\"operation\":\"install\",\"firmware\":\"${aws:iot:s3-presigned-url:"
            + FIRMWARE + "}\",\"manifest\":\"${aws:iot:s3-presigned-url:" + MANIFEST + "}\"}";
    private static final String ROLE = "arn:aws:iam::123456789012:role/jobs-s3-read";

    @TempDir
    Path dir;
    private EmulatorFixture cloud;
    private SdkDevice device;

    @BeforeEach
    void start() throws Exception {
        cloud = EmulatorFixture.start(s -> s.withDataFile(dir.resolve("cloud.db")));
        device = cloud.device(THING);
    }

    @AfterEach
    void stop() throws Exception {
        cloud.close();
    }

    @Test
    void everyDocumentHandedToADeviceCarriesUrlsSignedAtThatMomentWhileTheJobKeepsItsPlaceholders()
            throws Exception {
        BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();

        // given a job whose document has two placeholders, URLs valid 60 s
        Instant created = cloud.emulator.clock().instant();
        createJob("fw-3", 60L);

        // then the notify-next announcing it carries both URLs signed when it was sent, valid 60 s
        JobExecutionData announced = poll(next).execution;
        SignedUrl firmware = assertSigned(announced.jobDocument, "firmware", FIRMWARE, 60);
        SignedUrl manifest = assertSigned(announced.jobDocument, "manifest", MANIFEST, 60);
        assertSignedBetween(firmware, created, cloud.emulator.clock().instant());
        assertEquals(firmware.signedAt(), manifest.signedAt());
        assertEquals("install", announced.jobDocument.get("operation"));

        // when the emulated clock moves 10 minutes on, then Describe signs them again at the new time
        Instant later = cloud.emulator.advanceClock(Duration.ofMinutes(10));
        SignedUrl described = assertSigned(await(device.jobs().describeJobExecution(
                SdkRequests.describe(THING, "fw-3"))).execution.jobDocument, "firmware", FIRMWARE, 60);
        assertSignedBetween(described, later, cloud.emulator.clock().instant());
        assertNotEquals(firmware.query().get("X-Amz-Signature"), described.query().get("X-Amz-Signature"));

        // and StartNext and Update with includeJobDocument too
        Instant beforeStart = cloud.emulator.advanceClock(Duration.ofMinutes(1));
        JobExecutionData started = await(device.jobs().startNextPendingJobExecution(
                SdkRequests.startNext(THING, null))).execution;
        assertSignedBetween(assertSigned(started.jobDocument, "firmware", FIRMWARE, 60), beforeStart,
                cloud.emulator.clock().instant());
        Instant beforeUpdate = cloud.emulator.advanceClock(Duration.ofMinutes(1));
        UpdateJobExecutionRequest update = SdkRequests.update(THING, "fw-3", JobStatus.IN_PROGRESS, 2,
                SdkRequests.details("step", "download"));
        update.includeJobDocument = true;
        Map<String, Object> updated = await(device.jobs().updateJobExecution(update)).jobDocument;
        assertSignedBetween(assertSigned(updated, "manifest", MANIFEST, 60), beforeUpdate,
                cloud.emulator.clock().instant());

        // while the job itself keeps its placeholders and its configuration
        assertEquals(DOCUMENT, cloud.iot.getJobDocument(b -> b.jobId("fw-3")).document());
        Job job = cloud.iot.describeJob(b -> b.jobId("fw-3")).job();
        assertEquals(ROLE, job.presignedUrlConfig().roleArn());
        assertEquals(60L, job.presignedUrlConfig().expiresInSec());
    }

    @Test
    void withoutExpiresInSecTheUrlsAreValidAnHourAndADocumentWithoutPlaceholdersIsLeftAlone() throws Exception {
        createJob("fw-3", null);
        cloud.iot.createJob(b -> b.jobId("plain").document("{\"operation\":\"reboot\",\"url\":\"" + FIRMWARE + "\"}")
                .targets(cloud.thingArn(THING)).presignedUrlConfig(p -> p.roleArn(ROLE).expiresInSec(120L)));

        assertEquals(3600L, cloud.iot.describeJob(b -> b.jobId("fw-3")).job().presignedUrlConfig().expiresInSec());
        assertSigned(await(device.jobs().describeJobExecution(SdkRequests.describe(THING, "fw-3")))
                .execution.jobDocument, "firmware", FIRMWARE, 3600);
        assertEquals(FIRMWARE, await(device.jobs().describeJobExecution(SdkRequests.describe(THING, "plain")))
                .execution.jobDocument.get("url"));
    }

    @Test
    void theConfigurationSurvivesARestart() throws Exception {
        createJob("fw-3", 900L);
        cloud.close();
        cloud = EmulatorFixture.start(s -> s.withDataFile(dir.resolve("cloud.db")));
        device = cloud.device(THING);

        assertEquals(900L, cloud.iot.describeJob(b -> b.jobId("fw-3")).job().presignedUrlConfig().expiresInSec());
        assertSigned(await(device.jobs().describeJobExecution(SdkRequests.describe(THING, "fw-3")))
                .execution.jobDocument, "firmware", FIRMWARE, 900);
    }

    @Test
    void createJobRefusesWhatAwsRefuses() {
        // expiresInSec outside 60..3600
        assertThrows(InvalidRequestException.class, () -> createJob("short", 59L));
        assertThrows(InvalidRequestException.class, () -> createJob("long", 3601L));
        // placeholders and nobody to sign them: no presignedUrlConfig, or one without a role
        assertThrows(InvalidRequestException.class, () -> cloud.createJob("unsigned", DOCUMENT, THING));
        assertThrows(InvalidRequestException.class, () -> cloud.iot.createJob(b -> b.jobId("no-role")
                .document(DOCUMENT).targets(cloud.thingArn(THING)).presignedUrlConfig(p -> p.expiresInSec(60L))));
        // a placeholder that is not an https URL
        assertThrows(InvalidRequestException.class, () -> cloud.iot.createJob(b -> b.jobId("bucket-key")
                .document("{\"f\":\"${aws:iot:s3-presigned-url:fw-bucket/agent.bin}\"}").targets(cloud.thingArn(THING))
                .presignedUrlConfig(p -> p.roleArn(ROLE))));

        assertTrue(cloud.iot.listJobs(b -> b.maxResults(10)).jobs().isEmpty(), "nothing was created");
        assertFalse(cloud.emulator.cloud().existingThing(THING).map(t -> !t.records().isEmpty()).orElse(false));
    }

    private void createJob(String jobId, Long expiresInSec) {
        cloud.iot.createJob(b -> b.jobId(jobId).document(DOCUMENT).targets(cloud.thingArn(THING))
                .presignedUrlConfig(p -> p.roleArn(ROLE).expiresInSec(expiresInSec)));
    }

    private static SignedUrl assertSigned(Map<String, Object> document, String field, String base, long expires) {
        SignedUrl url = SignedUrl.parse(document.get(field));
        url.assertShapedLikeS3(base, expires, "us-east-1");
        return url;
    }

    /** X-Amz-Date is the emulated time the document left the cloud (to the second). */
    private static void assertSignedBetween(SignedUrl url, Instant from, Instant to) {
        Instant date = url.signedAt();
        assertTrue(!date.isBefore(from.truncatedTo(ChronoUnit.SECONDS)) && !date.isAfter(to),
                "X-Amz-Date " + date + " outside " + from + " .. " + to);
    }
}
