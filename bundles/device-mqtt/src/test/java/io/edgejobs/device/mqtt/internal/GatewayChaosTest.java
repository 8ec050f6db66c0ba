package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkRequests.describe;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.broker.internal.LogCapture;
import io.edgejobs.emulator.internal.cloud.ControlPlaneException;
import io.edgejobs.test.support.SdkDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException;

/**
 * "Nothing lost, nothing applied twice" under a seeded mix of faults (docs/reconciliation.md): the whole gateway as
 * {@link GatewayFixture} assembles it, {@value #DEFAULT_DEVICES} devices (AWS IoT Device SDK v2) each running jobs
 * as {@link ChaosDevice} does, while a chaos loop driven by one seeded {@link Random} cuts and restores the upstream
 * link, loses the cloud's answers, delays them, and has the operator cancel (force) executions and queue new jobs.
 * At the end, with the link back and the outbox drained, the cloud, the cache and what every device was told must
 * agree. The seed is printed; {@code -Dchaos.seed=N} replays a run's chaos schedule (the devices' timing is not
 * deterministic, so a replay is the same storm, not the same interleaving), {@code -Dchaos.seconds} and
 * {@code -Dchaos.devices} size it.
 */
class GatewayChaosTest {

    static final int DEFAULT_DEVICES = 8;
    /**
     * The operator queues no job on a thing with this many pending executions: GetPending and notify list at most
     * 10 (docs/decisions-api.md), so the gateway cannot mirror a thing with more, and (4) would not hold.
     */
    private static final int MAX_PENDING_PER_THING = 6;
    private static final Pattern GATEWAY_ERROR = Pattern.compile(
            "(?m)^.* ERROR io\\.edgejobs\\.(?!emulator\\.).*$");

    @TempDir
    Path dir;

    @Test
    void underASeededMixOfFaultsNothingIsLostAndNothingAppliedTwice() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Duration length = Duration.ofSeconds(Long.getLong("chaos.seconds", 20));
        int deviceCount = Integer.getInteger("chaos.devices", DEFAULT_DEVICES);
        System.out.println("[chaos] seed " + seed + " (-Dchaos.seed=" + seed + " to replay), " + length.toSeconds()
                + " s, " + deviceCount + " devices");
        long started = System.nanoTime();
        ChaosLedger ledger = new ChaosLedger();
        String log;
        try (LogCapture capture = new LogCapture(); GatewayFixture gateway = GatewayFixture.start(dir)) {
            ChaosRun run = new ChaosRun(gateway, ledger, new Random(seed), deviceCount);
            run.startDevices(seed);
            run.stormFor(length);
            run.calmDownAndFinish();
            checkInvariants(gateway, ledger, run);
            log = capture.text();
            printSummary(seed, started, gateway, ledger, run);
        }
        Matcher errors = GATEWAY_ERROR.matcher(log);
        while (errors.find()) {
            ledger.violation("(5) the gateway logged an ERROR: " + errors.group());
        }
        List<String> violations = ledger.violations();
        assertTrue(violations.isEmpty(), "seed " + seed + ": " + violations.size() + " violations:\n"
                + String.join("\n", violations));
    }

    private static void checkInvariants(GatewayFixture gateway, ChaosLedger ledger, ChaosRun run) throws Exception {
        // (5) nothing left in the outbox
        assertEquals(0, gateway.store.outboxSize(), "outbox entries left");
        List<ConflictRecord> conflicts = gateway.store.conflicts(10_000);
        for (ConflictRecord c : conflicts) {
            if (c.kind() != ConflictKind.CANCELED_IN_CLOUD || !ledger.isCancelledByOperator(c.thingName(), c.jobId())) {
                ledger.violation("(2) a conflict nobody caused: " + c);
            }
        }
        for (String thing : run.things()) {
            Map<String, Long> presented = presentedVersions(thing, conflicts);
            // (4) the cache equals the cloud, terminal conflicts shown at their presented version; an execution
            // the cloud queued and ended while the gateway was away was never pending where the gateway could see
            // it (GetPending lists pending ones only): no device was told of it, and the cache cannot hold it
            Map<String, ChaosLedger.Told> toldOfThing = ledger.toldOf(thing);
            try {
                gateway.assertCacheMatchesCloud(thing, cloud -> {
                    Map<String, String> cache = gateway.cacheView(thing);
                    Map<String, String> expected = new TreeMap<>();
                    cloud.forEach((key, view) -> {
                        boolean unseen = !cache.containsKey(key) && !toldOfThing.containsKey(key)
                                && view.startsWith("CANCELED v2 ")
                                && ledger.isCancelledByOperator(thing, key.substring(0, key.indexOf('#')));
                        if (unseen) {
                            run.unseen.add(thing + " " + key + " " + view);
                        } else {
                            Long version = presented.get(key);
                            expected.put(key, version == null ? view
                                    : view.replaceFirst(" v\\d+ ", " v" + version + " "));
                        }
                    });
                    return expected;
                });
            } catch (AssertionError | ConditionTimeoutException e) {
                ledger.violation("(4) " + e.getMessage());
            }
            Map<String, String> cloud = gateway.cloudView(thing);
            for (Map.Entry<String, ChaosLedger.Told> entry : ledger.toldOf(thing).entrySet()) {
                String key = entry.getKey();
                ChaosLedger.Told told = entry.getValue();
                String jobId = key.substring(0, key.indexOf('#'));
                boolean cancelled = ledger.isCancelledByOperator(thing, jobId);
                String inCloud = cloud.get(key);
                if (!cancelled) {
                    // (1) the device's last accepted terminal status, details and version are the cloud's
                    String expected = told.status() + " v" + told.version() + " " + told.details();
                    if (!told.accepted() || !isTerminal(told.status())) {
                        ledger.violation("(1) " + thing + " " + key + " ended without an accepted terminal status: "
                                + told);
                    } else if (!expected.equals(inCloud)) {
                        ledger.violation("(1) " + thing + " " + key + ": the device was told " + expected
                                + ", the cloud holds " + inCloud);
                    }
                } else {
                    // (2) the operator's cancellation stands, audited if the device had been told otherwise
                    if (inCloud == null || !inCloud.startsWith("CANCELED ")) {
                        ledger.violation("(2) " + thing + " " + key + " cancelled by the operator, the cloud holds "
                                + inCloud);
                    }
                    boolean audited = conflicts.stream().anyMatch(c -> c.thingName().equals(thing)
                            && key.equals(c.jobId() + "#" + c.executionNumber()));
                    if (!ledger.wasEndedByRejection(thing, key) && !audited) {
                        ledger.violation("(2) " + thing + " " + key + " cancelled by the operator while the device"
                                + " was told " + told + ", and no conflict in the audit");
                    }
                }
                // (3) what the device reads now never goes back, and shows the cloud's decision
                run.describeAtTheEnd(thing, key, told);
            }
        }
    }

    /** p = max(c, l + 1) of the last terminal conflict of each execution of the thing. */
    private static Map<String, Long> presentedVersions(String thing, List<ConflictRecord> conflicts) {
        Map<String, Long> presented = new HashMap<>();
        List<ConflictRecord> oldestFirst = new ArrayList<>(conflicts);
        oldestFirst.sort((a, b) -> Long.compare(a.id(), b.id()));
        for (ConflictRecord c : oldestFirst) {
            if (c.thingName().equals(thing) && c.cloudVersion() != null && c.localVersion() != null) {
                presented.put(c.jobId() + "#" + c.executionNumber(),
                        Math.max(c.cloudVersion(), c.localVersion() + 1));
            }
        }
        return presented;
    }

    private static boolean isTerminal(String status) {
        return !status.equals("QUEUED") && !status.equals("IN_PROGRESS");
    }

    private static void printSummary(long seed, long started, GatewayFixture gateway, ChaosLedger ledger,
            ChaosRun run) {
        List<ConflictRecord> conflicts = gateway.store.conflicts(10_000);
        long toldByNotifyNext = conflicts.stream().filter(c -> run.notifyNextAfter(c.thingName(), c.recordedAt()))
                .count();
        long toldByRejection = conflicts.stream().filter(c -> ledger.wasEndedByRejection(c.thingName(),
                c.jobId() + "#" + c.executionNumber())).count();
        System.out.println("[chaos] summary, seed " + seed + ", " + Duration.ofNanos(System.nanoTime() - started)
                .toMillis() + " ms in all\n" + ledger.counters()
                + "  operator cancellations that took: " + ledger.cancelledCount() + "\n"
                + "  conflicts audited: " + conflicts.size() + " (device told by a rejection: " + toldByRejection
                + ", a notify-next after it: " + toldByNotifyNext + ")\n"
                + "  executions queued and ended in the cloud while the gateway was away (never seen): "
                + run.unseen + "\n"
                + "  replay: " + gateway.engine.replayStatistics() + "\n"
                + "  violations: " + ledger.violations().size());
    }

    /** The devices, the storm, and the calm after it. */
    private static final class ChaosRun {

        private final GatewayFixture gateway;
        private final ChaosLedger ledger;
        private final Random random;
        private final List<String> things = new ArrayList<>();
        private final Map<String, SdkDevice> sdkDevices = new HashMap<>();
        private final Map<String, ChaosDevice> devices = new HashMap<>();
        private final List<Thread> threads = new ArrayList<>();
        private final List<String> jobs = new ArrayList<>();
        private final Map<String, List<String>> targets = new HashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger jobNumber = new AtomicInteger();
        /** Executions the cloud queued and ended while the gateway was away: never seen by the gateway. */
        final Set<String> unseen = new ConcurrentSkipListSet<>();

        ChaosRun(GatewayFixture gateway, ChaosLedger ledger, Random random, int deviceCount) {
            this.gateway = gateway;
            this.ledger = ledger;
            this.random = random;
            for (int i = 0; i < deviceCount; i++) {
                things.add("press-" + i);
            }
        }

        List<String> things() {
            return things;
        }

        void startDevices(long seed) throws Exception {
            for (int i = 0; i < 6; i++) {
                queueJob(things);
            }
            for (int i = 0; i < things.size(); i++) {
                String thing = things.get(i);
                SdkDevice sdk = gateway.sdkDevice(thing);
                sdkDevices.put(thing, sdk);
                ChaosDevice device = new ChaosDevice(sdk, seed + i + 1, ledger, stop::get);
                devices.put(thing, device);
                Thread thread = new Thread(device, "chaos-" + thing);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
        }

        /** One fault or operator action every 0.2 to 1 s, each chosen by the seeded random. */
        void stormFor(Duration length) throws InterruptedException {
            long end = System.nanoTime() + length.toNanos();
            boolean delaying = false;
            while (System.nanoTime() < end) {
                Thread.sleep(200 + random.nextInt(800));
                if (delaying && random.nextBoolean()) {
                    gateway.cloud.faults().delayResponses(Duration.ZERO);
                    delaying = false;
                }
                int action = random.nextInt(100);
                if (action < 15) {
                    long millis = 1000 + random.nextInt(3000);
                    gateway.cloud.faults().refuseConnectionsFor(Duration.ofMillis(millis));
                    gateway.cloud.dropAllConnections();
                    ledger.count("faults: link cut for 1-4 s");
                } else if (action < 25) {
                    gateway.cloud.dropAllConnections();
                    ledger.count("faults: link dropped, reconnect allowed at once");
                } else if (action < 40) {
                    int count = 1 + random.nextInt(2);
                    JobsOperation only = random.nextBoolean() ? JobsOperation.UPDATE_JOB_EXECUTION : null;
                    gateway.cloud.faults().loseNextResponses(count, only);
                    ledger.count("faults: answers lost (ack-lost)");
                } else if (action < 55) {
                    gateway.cloud.faults().delayResponses(Duration.ofMillis(100 + random.nextInt(2900)));
                    delaying = true;
                    ledger.count("faults: answers delayed 0.1-3 s");
                } else if (action < 70) {
                    operatorCancels();
                } else {
                    List<String> some = new ArrayList<>();
                    for (String thing : things) {
                        if (random.nextBoolean() && pendingInTheCloud(thing) < MAX_PENDING_PER_THING) {
                            some.add(thing);
                        }
                    }
                    if (!some.isEmpty()) {
                        queueJob(some);
                    }
                }
            }
        }

        private long pendingInTheCloud(String thing) {
            return gateway.cloudView(thing).values().stream()
                    .filter(v -> v.startsWith("QUEUED ") || v.startsWith("IN_PROGRESS ")).count();
        }

        private void queueJob(List<String> on) {
            String jobId = "job-" + jobNumber.incrementAndGet();
            gateway.createJob(jobId, "{\"press\":\"" + jobId + "\"}", on.toArray(String[]::new));
            jobs.add(jobId);
            targets.put(jobId, List.copyOf(on));
            ledger.count("operator: jobs queued");
        }

        /**
         * Half the time an execution the cloud shows IN_PROGRESS (a device is working on it, maybe offline), else
         * any execution of any job queued so far (often QUEUED, or already ended: then refused).
         */
        private void operatorCancels() {
            String thing = null;
            String jobId = null;
            if (random.nextBoolean()) {
                String candidate = things.get(random.nextInt(things.size()));
                List<String> running = new ArrayList<>();
                gateway.cloudView(candidate).forEach((key, view) -> {
                    if (view.startsWith("IN_PROGRESS ")) {
                        running.add(key.substring(0, key.indexOf('#')));
                    }
                });
                if (!running.isEmpty()) {
                    thing = candidate;
                    jobId = running.get(random.nextInt(running.size()));
                }
            }
            if (thing == null) {
                jobId = jobs.get(random.nextInt(jobs.size()));
                List<String> on = targets.get(jobId);
                thing = on.get(random.nextInt(on.size()));
            }
            try {
                gateway.cloud.controlPlane().cancelJobExecution(jobId, thing, true, null, null);
                ledger.cancelledByOperator(thing, jobId);
                ledger.count("operator: executions cancelled (force)");
            } catch (ControlPlaneException e) {
                ledger.count("operator: cancellations refused (" + e.errorType() + ")");
            }
        }

        /** Faults off, link back, every device finishes the job in hand, the outbox drains. */
        void calmDownAndFinish() throws InterruptedException {
            gateway.cloud.faults().clear();
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(90).toMillis());
                if (thread.isAlive()) {
                    ledger.violation(thread.getName() + " still running 90 s after the storm");
                    thread.interrupt();
                }
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> gateway.upstream.connection().state()
                    == ConnectionState.CONNECTED);
            gateway.awaitOutboxReplayed();
        }

        /** (3) the device describes the execution: the version it reads is never below one it was told. */
        void describeAtTheEnd(String thing, String key, ChaosLedger.Told told) throws Exception {
            String jobId = key.substring(0, key.indexOf('#'));
            JobExecutionData execution;
            try {
                execution = SdkDevice.await(sdkDevices.get(thing).jobs().describeJobExecution(describe(thing,
                        jobId))).execution;
            } catch (V2ErrorResponseException e) {
                ledger.violation("(3) " + thing + " " + key + ": describe at the end rejected "
                        + e.getModeledError().code);
                return;
            }
            ledger.count("describes at the end");
            boolean changed = !execution.status.name().equals(told.status());
            if (execution.versionNumber < told.version() || (changed && execution.versionNumber == told.version())) {
                ledger.violation("(3) " + thing + " " + key + ": reads " + execution.status + " v"
                        + execution.versionNumber + " after being told " + told);
            }
            if (changed && !ledger.isCancelledByOperator(thing, jobId)) {
                ledger.violation("(3) " + thing + " " + key + ": reads " + execution.status + " v"
                        + execution.versionNumber + ", was told " + told);
            }
        }

        boolean notifyNextAfter(String thing, Instant at) {
            ChaosDevice device = devices.get(thing);
            return device != null && device.notifyNextAt.stream().anyMatch(t -> !t.isBefore(at));
        }
    }
}
