package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkRequests.describe;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.broker.internal.LogCapture;
import io.edgejobs.emulator.internal.cloud.CreateJobSpec;
import io.edgejobs.emulator.internal.cloud.PresignedUrlConfig;
import io.edgejobs.test.support.SdkDevice;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;

/**
 * Rule 7 of docs/reconciliation.md end to end: job documents with a presigned-URL placeholder, signed by the
 * emulator for 60 s each time it hands one out, read by a device (AWS IoT Device SDK v2) through the gateway. The
 * gateway's engine reads the emulator's clock, so advancing it expires the URLs on both sides.
 */
class GatewayPresignedUrlsTest {

    private static final String THING = "press-4";
    private static final String ARN = "arn:aws:iot:us-east-1:123456789012:thing/" + THING;
    private static final String ROLE = "arn:aws:iam::123456789012:role/jobs-s3-read";
    private static final long EXPIRES_IN_SEC = 60;
    /** Shorter than the URLs' life, so a freshly signed document is served from the cache as it is. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final String WARNED = "the cached job document is handed out with a presigned URL that expired";

    @TempDir
    Path dir;
    private GatewayFixture gateway;
    private SdkDevice device;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start() throws Exception {
        gateway = GatewayFixture.startOnTheCloudsClock(dir, o -> o.withPresignedUrlMargin(MARGIN));
        device = gateway.sdkDevice(THING);
    }

    @Test
    void anExpiredUrlIsHandedOutOfflineAsItIsWarnedOnceAndSignedAgainAfterTheReconnect() throws Exception {
        try (LogCapture log = new LogCapture()) {
            start();
            BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();
            // given two jobs whose documents carry a placeholder, signed for 60 s
            Instant created = now();
            createJob("fw-1");
            createJob("fw-2");
            SignedUrl announced = SignedUrl.of(poll(next, "fw-1").jobDocument);
            assertSignedBetween(announced, created, now());

            // when the device reads fw-1 online, it gets a URL the cloud signed then, and the gateway caches it
            gateway.cloud.advanceClock(Duration.ofSeconds(5));
            Instant before = now();
            SignedUrl online = describeUrl("fw-1");
            assertSignedBetween(online, before, now());
            assertEquals(EXPIRES_IN_SEC, online.expiresInSec());
            await().atMost(Duration.ofSeconds(10)).until(() -> cachedUrl("fw-1").equals(online));

            // and the link is cut, and two minutes pass: the cached URL has expired
            gateway.cloudGoesAway();
            gateway.cloud.advanceClock(Duration.ofMinutes(2));
            assertTrue(online.expiresAt().isBefore(now()));

            // then offline, Describe hands out the cached document as it is, expired, and the gateway warns once
            assertEquals(online, describeUrl("fw-1"));
            assertEquals(online, describeUrl("fw-1"));
            assertEquals(1, count(log.text(), "job fw-1: " + WARNED + " at " + online.expiresAt()), log.text());

            // when the link comes back
            Instant back = now();
            gateway.cloudComesBack();

            // then the reconnect sync has the cloud sign the cached documents again
            await().atMost(Duration.ofSeconds(10)).until(() -> !cachedUrl("fw-1").signedAt().isBefore(seconds(back))
                    && !cachedUrl("fw-2").signedAt().isBefore(seconds(back)));
            // and the device's Describe carries a newly signed URL, valid again
            SignedUrl again = describeUrl("fw-1");
            assertSignedBetween(again, back, now());
            assertTrue(again.expiresAt().isAfter(now()));
            // and so does the notify-next announcing fw-2 once fw-1 succeeded
            int version = await(device.jobs().startNextPendingJobExecution(startNext(THING, null)))
                    .execution.versionNumber;
            Instant done = now();
            await(device.jobs().updateJobExecution(update(THING, "fw-1", JobStatus.SUCCEEDED, version,
                    details("result", "flashed"))));
            SignedUrl nextJob = SignedUrl.of(poll(next, "fw-2").jobDocument);
            assertSignedBetween(nextJob, done, now());

            // and the expired document was warned about once only
            assertEquals(1, count(log.text(), WARNED), log.text());
        }
    }

    @Test
    void aThingWithUpdatesWaitingIsAnsweredFromTheCacheWhileConnectedWithFreshlySignedUrls() throws Exception {
        try (LogCapture log = new LogCapture()) {
            start();
            BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();
            // given the device read fw-1 online (URL signed for 60 s, cached; fw-2 waits behind it), then started
            // it and reported progress while the link was cut
            createJob("fw-1");
            createJob("fw-2");
            SignedUrl online = describeUrl("fw-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.store.document("fw-2").isPresent());
            gateway.cloudGoesAway();
            JobExecutionData started = await(device.jobs().startNextPendingJobExecution(startNext(THING,
                    details("step", "download")))).execution;
            assertEquals(2, started.versionNumber);
            assertEquals(online, SignedUrl.of(started.jobDocument), "offline, the cached document as it is");
            int version = await(device.jobs().updateJobExecution(update(THING, "fw-1", JobStatus.IN_PROGRESS, 2,
                    details("step", "flash")))).executionState.versionNumber;
            assertEquals(3, version);
            // and two minutes passed: the cached URL expired
            gateway.cloud.advanceClock(Duration.ofMinutes(2));

            // when the link comes back but the replay of the two updates is held up (their answers are lost)
            gateway.cloud.faults().loseNextResponses(3, JobsOperation.UPDATE_JOB_EXECUTION);
            Instant back = now();
            gateway.cloudComesBack();

            // then the device's Describe, answered from the cache as the thing still has updates waiting, carries a
            // URL the cloud signed after the reconnect
            JobExecutionData described = await(device.jobs().describeJobExecution(describe(THING, "fw-1")))
                    .execution;
            assertTrue(gateway.store.outboxSize() > 0, "answered while the thing was dirty");
            assertEquals(3, described.versionNumber, "the device's own version, not yet the cloud's");
            SignedUrl fresh = SignedUrl.of(described.jobDocument);
            assertSignedBetween(fresh, back, now());

            // and when the URL expires again while the thing is still dirty, the Update asking for the document
            // gets it signed anew
            Instant later = gateway.cloud.advanceClock(Duration.ofMinutes(2));
            UpdateJobExecutionRequest progress = update(THING, "fw-1", JobStatus.IN_PROGRESS, 3,
                    details("step", "verify"));
            progress.includeJobDocument = true;
            Map<String, Object> document = await(device.jobs().updateJobExecution(progress)).jobDocument;
            assertTrue(gateway.store.outboxSize() > 0, "answered while the thing was dirty");
            assertSignedBetween(SignedUrl.of(document), later, now());

            // and when the device reports success, still dirty, the notify-next the gateway computes itself
            // announces fw-2 with its document signed anew
            await(device.jobs().updateJobExecution(update(THING, "fw-1", JobStatus.SUCCEEDED, 4,
                    details("result", "flashed"))));
            assertTrue(gateway.store.outboxSize() > 0, "answered while the thing was dirty");
            assertSignedBetween(SignedUrl.of(poll(next, "fw-2").jobDocument), later, now());

            // and everything reaches the cloud; no expired URL was ever handed out
            gateway.awaitOutboxReplayed();
            gateway.awaitCloudHas(THING, "fw-1#1", "SUCCEEDED v5 {result=flashed}");
            assertEquals(0, count(log.text(), WARNED), log.text());
        }
    }

    private void createJob(String jobId) {
        gateway.cloud.controlPlane().createJob(new CreateJobSpec(jobId, List.of(ARN),
                "{\"operation\":\"install\",\"firmware\":\"${aws:iot:s3-presigned-url:"
                        + "https://s3.amazonaws.com/fw-bucket/" + jobId + ".bin}\"}",
                null, null, null, null, null, null, new PresignedUrlConfig(ROLE, EXPIRES_IN_SEC)));
    }

    private SignedUrl describeUrl(String jobId) throws Exception {
        return SignedUrl.of(await(device.jobs().describeJobExecution(describe(THING, jobId))).execution.jobDocument);
    }

    private SignedUrl cachedUrl(String jobId) {
        return SignedUrl.in(gateway.store.document(jobId).orElseThrow().document());
    }

    /** The emulated time, which the gateway's engine reads too. */
    private Instant now() {
        return gateway.cloud.clock().instant();
    }

    private static JobExecutionData poll(BlockingQueue<NextJobExecutionChangedEvent> next, String jobId)
            throws InterruptedException {
        while (true) {
            NextJobExecutionChangedEvent event = next.poll(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(event, "no notify-next for " + jobId + " within " + SdkDevice.TIMEOUT_SECONDS + " s");
            if (event.execution != null && jobId.equals(event.execution.jobId)) {
                return event.execution;
            }
        }
    }

    /** X-Amz-Date is the emulated time the document left the cloud, to the second. */
    private static void assertSignedBetween(SignedUrl url, Instant from, Instant to) {
        assertTrue(!url.signedAt().isBefore(seconds(from)) && !url.signedAt().isAfter(to),
                "X-Amz-Date " + url.signedAt() + " outside " + from + " .. " + to);
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** The presigned URL of a document's {@code firmware} field, as a device reads it. */
    private record SignedUrl(String url, Instant signedAt, long expiresInSec) {

        private static final Pattern URL = Pattern.compile("https://s3\\.amazonaws\\.com/[^\"?]+\\?[^\"]+");
        private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

        static SignedUrl of(Map<String, Object> document) {
            assertNotNull(document, "no job document");
            return in(String.valueOf(document.get("firmware")));
        }

        static SignedUrl in(String text) {
            Matcher m = URL.matcher(text);
            assertTrue(m.find(), "no presigned URL in " + text);
            String url = m.group();
            String date = null;
            String expires = null;
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                if (kv[0].equals("X-Amz-Date")) {
                    date = value;
                } else if (kv[0].equals("X-Amz-Expires")) {
                    expires = value;
                }
            }
            assertNotNull(date, "no X-Amz-Date in " + url);
            assertNotNull(expires, "no X-Amz-Expires in " + url);
            return new SignedUrl(url, LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC),
                    Long.parseLong(expires));
        }

        Instant expiresAt() {
            return signedAt.plusSeconds(expiresInSec);
        }
    }
}
