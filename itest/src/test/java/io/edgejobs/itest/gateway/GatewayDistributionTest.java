package io.edgejobs.itest.gateway;

import static io.edgejobs.test.support.SdkDevice.await;
import static io.edgejobs.test.support.SdkDevice.rejection;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.itest.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotjobsdataplane.IotJobsDataPlaneClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import software.amazon.awssdk.services.iot.model.JobExecution;
import io.edgejobs.test.support.SdkDevice;

/**
 * "The gateway online" on the product itself: the assembled distribution started as a process with its shipped
 * configuration (ports moved to free ones), the emulator inside it as the cloud. The device is the AWS IoT Device
 * SDK for Java v2 on the gateway's device port; the operator is the AWS SDK for Java v2 IotClient on the emulator's
 * control plane. The last tests stop the gateway, compare its SQLite cache with the cloud and read its logs (the
 * console output and the rolling file).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayDistributionTest {

    private static final String DOCUMENT = "{\"operation\":\"install\",\"package\":{\"name\":\"agent\",\"version\":3}}";

    /** Every thing the flows touched: the cache must agree with the cloud on all of their executions. */
    private static final Set<String> THINGS = new TreeSet<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A line of one of the gateway's own loggers; the console format is {@code <bundle> [<logger>] <LEVEL> : ...}. */
    private static final Pattern EDGEJOBS_LINE =
            Pattern.compile(" \\[io\\.edgejobs\\.[\\w.$]+\\] (TRACE|DEBUG|INFO|WARN|ERROR) : ");

    /** An INFO line of the embedded broker library (Moquette), e.g. PostOffice's line for every internal publish. */
    private static final Pattern BROKER_INFO_LINE = Pattern.compile(" \\[io\\.moquette\\.[\\w.$]+\\] INFO : ");

    private static StartedGateway gateway;
    private static IotClient operator;

    @BeforeAll
    static void startTheDistribution() throws Exception {
        gateway = StartedGateway.start();
        operator = gateway.operator();
    }

    @AfterAll
    static void stopTheDistribution() {
        try {
            if (operator != null) {
                operator.close();
            }
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    @Test
    @Order(1)
    void aJobRunsFromCreateJobToSucceededThroughTheGateway() throws Exception {
        String thing = thing("press-1");
        try (SdkDevice device = device(thing)) {
            BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();

            // given a job created by the operator in the cloud
            createJob("firmware-1", thing);

            // then the device hears of it, document included
            NextJobExecutionChangedEvent queued = poll(next);
            assertEquals("firmware-1", queued.execution.jobId);
            assertEquals(JobStatus.QUEUED, queued.execution.status);
            assertEquals(1, queued.execution.versionNumber);
            assertEquals("install", queued.execution.jobDocument.get("operation"));

            // when it starts the job, reports progress and then success
            StartNextJobExecutionResponse started = await(device.jobs().startNextPendingJobExecution(
                    startNext(thing, details("step", "download"))));
            assertEquals(JobStatus.IN_PROGRESS, started.execution.status);
            assertEquals(2, started.execution.versionNumber);
            assertEquals("agent", ((Map<?, ?>) started.execution.jobDocument.get("package")).get("name"));
            UpdateJobExecutionResponse progress = await(device.jobs().updateJobExecution(update(thing, "firmware-1",
                    JobStatus.IN_PROGRESS, 2, details("step", "install"))));
            assertEquals(3, progress.executionState.versionNumber);
            UpdateJobExecutionResponse done = await(device.jobs().updateJobExecution(update(thing, "firmware-1",
                    JobStatus.SUCCEEDED, 3, details("result", "ok"))));
            assertEquals(JobStatus.SUCCEEDED, done.executionState.status);
            int told = done.executionState.versionNumber;

            // then nothing is next for the device, and the cloud has the execution SUCCEEDED at the version told
            assertNull(poll(next).execution);
            JobExecution inCloud = describeInCloud(thing, "firmware-1");
            assertEquals("SUCCEEDED", inCloud.statusAsString());
            assertEquals(4, told);
            assertEquals(told, inCloud.versionNumber());
            assertEquals(Map.of("result", "ok"), inCloud.statusDetails().detailsMap());
        }
    }

    @Test
    @Order(2)
    void theCloudsRejectionsReachTheDeviceAsTheCloudSentThem() throws Exception {
        String thing = thing("press-2");
        try (SdkDevice device = device(thing)) {
            BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();
            createJob("calibrate-1", thing);
            assertEquals("calibrate-1", poll(next).execution.jobId);
            assertEquals(2, await(device.jobs().startNextPendingJobExecution(startNext(thing, null)))
                    .execution.versionNumber);

            // when the device claims a version the cloud does not have
            V2ErrorResponse mismatch = rejection(device.jobs().updateJobExecution(update(thing, "calibrate-1",
                    JobStatus.SUCCEEDED, 7, null)), RejectedErrorCode.VERSION_MISMATCH);

            // then it gets VersionMismatch with the cloud's execution state, and the cloud did not move
            assertEquals(JobStatus.IN_PROGRESS, mismatch.executionState.status);
            assertEquals(2, mismatch.executionState.versionNumber);
            assertTrue(mismatch.message.contains("7"), mismatch.message);
            assertEquals("IN_PROGRESS", describeInCloud(thing, "calibrate-1").statusAsString());

            // when it finishes the job and then tries to move it again
            await(device.jobs().updateJobExecution(update(thing, "calibrate-1", JobStatus.SUCCEEDED, 2, null)));
            V2ErrorResponse transition = rejection(device.jobs().updateJobExecution(update(thing, "calibrate-1",
                    JobStatus.IN_PROGRESS, null, null)), RejectedErrorCode.INVALID_STATE_TRANSITION);

            // then it gets InvalidStateTransition with the SUCCEEDED state, as the cloud has it
            assertEquals(JobStatus.SUCCEEDED, transition.executionState.status);
            assertEquals(3, transition.executionState.versionNumber);
            JobExecution inCloud = describeInCloud(thing, "calibrate-1");
            assertEquals("SUCCEEDED", inCloud.statusAsString());
            assertEquals(3L, inCloud.versionNumber());
        }
    }

    @Test
    @Order(3)
    void aForcedCancelReachesTheDeviceAndItsNextUpdateIsRejected() throws Exception {
        String thing = thing("press-3");
        try (SdkDevice device = device(thing)) {
            BlockingQueue<NextJobExecutionChangedEvent> next = device.nextJobStream();
            BlockingQueue<JobExecutionsChangedEvent> list = device.jobListStream();
            createJob("weld-1", thing);
            assertEquals("weld-1", poll(next).execution.jobId);
            assertEquals(JobStatus.IN_PROGRESS, await(device.jobs().startNextPendingJobExecution(
                    startNext(thing, null))).execution.status);

            // when the operator cancels the IN_PROGRESS execution with force
            operator.cancelJobExecution(b -> b.jobId("weld-1").thingName(thing).force(true));

            // then the device hears that nothing is next and that its list no longer holds the job
            pollUntil(next, event -> event.execution == null, "notify-next without an execution");
            pollUntil(list, event -> !mentions(event, "weld-1"), "notify without weld-1");

            // and its next update is rejected with the CANCELED state
            V2ErrorResponse error = rejection(device.jobs().updateJobExecution(update(thing, "weld-1",
                    JobStatus.IN_PROGRESS, null, details("progress", "50"))),
                    RejectedErrorCode.INVALID_STATE_TRANSITION);
            assertEquals(JobStatus.CANCELED, error.executionState.status);
            JobExecution inCloud = describeInCloud(thing, "weld-1");
            assertEquals("CANCELED", inCloud.statusAsString());
            assertTrue(inCloud.forceCanceled());
            assertEquals(error.executionState.versionNumber, inCloud.versionNumber().intValue());
        }
    }

    @Test
    @Order(4)
    void twoThingsOnTwoConnectionsSeeAndTouchOnlyTheirOwnJobs() throws Exception {
        String a = thing("line-a");
        String b = thing("line-b");
        createJob("job-a", a);
        createJob("job-b", b);
        try (SdkDevice deviceA = device(a); SdkDevice deviceB = device(b)) {
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();

            // A may subscribe to its own Jobs topics, not to B's nor to every thing's
            assertNotNull(await(deviceA.subscribe("$aws/things/line-a/jobs/notify-next", received)));
            assertSubscriptionRefused(deviceA.subscribe("$aws/things/line-b/jobs/notify-next", received));
            assertSubscriptionRefused(deviceA.subscribe("$aws/things/+/jobs/notify-next", received));
            assertTrue(deviceA.interruptions.isEmpty(), "a refused subscription keeps the connection");

            // when A publishes on B's Jobs topics, then the gateway closes A's connection, as AWS IoT Core does
            deviceA.publishAtMostOnce("$aws/things/line-b/jobs/job-b/update",
                    "{\"status\":\"SUCCEEDED\",\"clientToken\":\"x\"}");
            assertNotNull(deviceA.interruptions.poll(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "A's connection was not closed after publishing on B's topic");

            // and B's execution is untouched, B is still served, and A received nothing of B's
            DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
            describe.thingName = b;
            describe.jobId = "job-b";
            assertEquals(JobStatus.QUEUED, await(deviceB.jobs().describeJobExecution(describe)).execution.status);
            JobExecution inCloud = describeInCloud(b, "job-b");
            assertEquals("QUEUED", inCloud.statusAsString());
            assertEquals(1L, inCloud.versionNumber());
            assertTrue(received.stream().noneMatch(m -> m.getTopic().contains("line-b")), () -> "A got " + received);
        }
    }

    @Test
    @Order(5)
    void aDeviceRunsAJobOverTheHttpsDataPlaneWithTheAwsSdk() throws Exception {
        String thing = thing("kiln-1");
        createJob("bake-1", thing);
        try (IotJobsDataPlaneClient client = IotJobsDataPlaneClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + gateway.deviceHttpPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "signatures-are-ignored-at-the-edge")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            // when the device asks the shipped HTTP listener for its jobs and starts the next one
            assertEquals(List.of("bake-1"), client.getPendingJobExecutions(b -> b.thingName(thing)).queuedJobs()
                    .stream().map(s -> s.jobId()).toList());
            var started = client.startNextPendingJobExecution(b -> b.thingName(thing)).execution();
            // then it holds the job with its document, and the cloud has it IN_PROGRESS at the same version
            assertEquals("bake-1", started.jobId());
            assertEquals(2L, started.versionNumber());
            assertEquals("install", JSON.readTree(started.jobDocument()).path("operation").asText());
            JobExecution inCloud = describeInCloud(thing, "bake-1");
            assertEquals("IN_PROGRESS", inCloud.statusAsString());
            assertEquals(2L, inCloud.versionNumber());
        }
    }

    @Test
    @Order(6)
    void afterAGracefulStopTheCacheHoldsWhatTheCloudHolds() throws Exception {
        assertFalse(THINGS.isEmpty(), "the flows above did not run");
        // given what the cloud holds for every thing of the flows, read before the cloud (inside the gateway) stops
        Map<String, String> cloud = ExecutionViews.cloudExecutions(operator, THINGS);
        Map<String, String> documents = ExecutionViews.cloudDocuments(operator, THINGS);
        assertEquals(6, cloud.size(), () -> "executions in the cloud: " + cloud);
        // the cache follows notifications asynchronously: let it settle (read-only reads of the live file)
        Poll.until(Duration.ofSeconds(15), () -> cloud.equals(cachedExecutions()),
                () -> "cache " + cachedExecutions() + " against cloud " + cloud);

        // when the gateway is stopped with SIGTERM
        int exit = gateway.stop();

        // then it stopped cleanly, and its database holds exactly the cloud's executions and documents, no outbox
        assertTrue(exit == 0 || exit == 143, () -> "exit code " + exit);
        assertTrue(gateway.logText().contains("AWS IoT Jobs emulator stopped"), "no clean shutdown in the log");
        assertEquals(cloud, ExecutionViews.cachedExecutions(gateway.database(), THINGS));
        assertEquals(documents, ExecutionViews.cachedDocuments(gateway.database(), documents.keySet()));
        assertEquals(0, ExecutionViews.outboxSize(gateway.database()));
    }

    @Test
    @Order(7)
    void fromStartToStopTheGatewayLoggedNoError() {
        assertFalse(gateway.isAlive(), "the previous test stops the gateway");
        List<String> errors = gateway.logText().lines().filter(line -> line.contains("ERROR")).toList();
        assertTrue(errors.isEmpty(), () -> "ERROR lines in " + gateway.log + ":\n" + String.join("\n", errors));
    }

    @Test
    @Order(8)
    void theLogShowsTheGatewaysInfoLinesNotTheBrokersAndTheRollingFileHasThemAll() throws Exception {
        assertFalse(gateway.isAlive(), "an earlier test stops the gateway");
        List<String> console = gateway.logText().lines().toList();

        // then the console shows the gateway's INFO lines ...
        List<String> ours = console.stream().filter(EDGEJOBS_LINE.asPredicate()).toList();
        assertTrue(ours.stream().anyMatch(line -> line.contains("] INFO : upstream connection CONNECTED")),
                () -> "no INFO line of the gateway in " + gateway.log);
        // ... but none of the broker library's, though every flow made it publish internally (io.moquette at WARN)
        List<String> brokerInfo = console.stream().filter(BROKER_INFO_LINE.asPredicate()).toList();
        assertTrue(brokerInfo.isEmpty(), () -> "io.moquette INFO lines (e.g. io.moquette.broker.PostOffice) in "
                + gateway.log + ":\n" + String.join("\n", brokerInfo.subList(0, Math.min(10, brokerInfo.size()))));

        // and the rolling log file has each of the gateway's lines once, behind a timestamp and the thread, from the
        // first ones (logged before FileInstall applied load/) to the last ones (logged while the bundles stopped)
        Path file = gateway.logFile();
        assertTrue(Files.isRegularFile(file), () -> "no rolling log file " + file);
        List<String> inFile = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(EDGEJOBS_LINE.asPredicate()).toList());
        assertEquals(ours.size(), inFile.size(), () -> "gateway lines: " + ours.size() + " in " + gateway.log + ", "
                + inFile.size() + " in " + file);
        for (String line : ours) {
            Optional<String> same = inFile.stream().filter(logged -> logged.endsWith("] " + line)).findFirst();
            assertTrue(same.isPresent(), () -> "not in " + file + ": " + line);
            inFile.remove(same.get());
        }
        assertTrue(ours.stream().anyMatch(line -> line.contains("Web Console guard active")), "the first lines");
        assertTrue(ours.stream().anyMatch(line -> line.contains("AWS IoT Jobs emulator stopped")), "the last lines");
    }

    private static Map<String, String> cachedExecutions() {
        try {
            return ExecutionViews.cachedExecutions(gateway.database(), THINGS);
        } catch (SQLException e) {
            return Map.of("unreadable", e.toString());
        }
    }

    private static String thing(String name) {
        THINGS.add(name);
        return name;
    }

    private static SdkDevice device(String thing) throws Exception {
        return new SdkDevice(thing, gateway.devicePort);
    }

    private static void createJob(String jobId, String thing) {
        operator.createJob(b -> b.jobId(jobId).document(DOCUMENT).targets(StartedGateway.thingArn(thing)));
    }

    private static JobExecution describeInCloud(String thing, String jobId) {
        return operator.describeJobExecution(b -> b.thingName(thing).jobId(jobId)).execution();
    }

    private static boolean mentions(JobExecutionsChangedEvent event, String jobId) {
        return event.jobs != null && event.jobs.values().stream().flatMap(List::stream)
                .anyMatch(summary -> jobId.equals(summary.jobId));
    }

    private static void assertSubscriptionRefused(CompletableFuture<Integer> suback) {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> suback.get(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS), "the SUBACK granted the subscription");
        assertNotNull(refused.getCause());
    }

    private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(SdkDevice.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(item, "nothing within " + SdkDevice.TIMEOUT_SECONDS + " s");
        return item;
    }

    private static <T> void pollUntil(BlockingQueue<T> queue, Predicate<T> wanted, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SdkDevice.TIMEOUT_SECONDS);
        while (true) {
            T item = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(item, "no " + what + " within " + SdkDevice.TIMEOUT_SECONDS + " s");
            if (wanted.test(item)) {
                return;
            }
        }
    }
}
