package io.edgejobs.benchmark;

import static org.awaitility.Awaitility.await;

import io.edgejobs.store.sqlite.internal.BenchStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's scenarios, in order, on one gateway: online jobs, then (link cut) offline reads and offline jobs
 * at growing concurrency, then the replay of that outbox at the default rate, then a second offline batch replayed
 * at a raised rate.
 */
final class GatewayBenchmark {

    /** Longer than the engine's recheck delay (5 s): its background refreshes are over (smoke: no figures). */
    private static final Duration QUIET = Duration.ofSeconds(6);
    private static final Duration QUIET_SMOKE = Duration.ofMillis(500);
    private static final String DOCUMENT = "{\"operation\":\"install\",\"package\":\"firmware-2.4.1\"}";

    private final BenchmarkSettings settings;
    private final List<ScenarioResult> results = new ArrayList<>();
    private final Map<String, Long> succeededExpected = new LinkedHashMap<>();

    GatewayBenchmark(BenchmarkSettings settings) {
        this.settings = settings;
    }

    List<ScenarioResult> run() throws Exception {
        try (GatewayUnderTest gateway = new GatewayUnderTest(settings.workDir(), settings.defaultReplayRate(),
                settings.cloudDelayMillis())) {
            List<BenchDevice> devices = connect(gateway);
            try {
                if (settings.warmup()) {
                    warmUp(gateway, devices);
                }
                cloudAlone(gateway);
                online(gateway, devices.subList(0, 1), "1a online jobs, 1 device");
                online(gateway, devices, "1b online jobs, " + devices.size() + " devices at once");
                List<String> offlineJobs = prepareOfflineJobs(gateway, devices);
                gateway.cutLink();
                offlineReads(gateway, devices);
                for (int concurrency : settings.concurrency()) {
                    offlineJobs(gateway, devices.subList(0, concurrency));
                }
                replay(gateway, devices, "3a replay at default rate", settings.defaultReplayRate());

                List<String> fillJob = gateway.createFleetJob(things(devices), DOCUMENT);
                gateway.awaitCached(pendingPerThing(devices, 1), fillJob, Duration.ofSeconds(60));
                gateway.cutLink();
                offlineJobsAt("2b offline jobs, second batch (" + devices.size() + " devices)", gateway, devices, 1);
                gateway.replayRate(settings.raisedReplayRate());
                replay(gateway, devices, "3b replay at raised rate", settings.raisedReplayRate());
                checkCloud(gateway);
            } finally {
                for (BenchDevice device : devices) {
                    device.close();
                }
            }
        }
        return results;
    }

    private List<BenchDevice> connect(GatewayUnderTest gateway) throws Exception {
        List<BenchDevice> devices = new ArrayList<>();
        for (int i = 1; i <= settings.devices(); i++) {
            devices.add(new BenchDevice(String.format("bench-device-%03d", i), gateway.devicePort(),
                    settings.requestTimeoutMillis()));
        }
        // the gateway learns of each thing on connect and subscribes upstream for it
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway.store.knownThings().containsAll(things(devices)));
        for (BenchDevice device : devices) {
            succeededExpected.put(device.thing, 0L);
        }
        return devices;
    }

    /**
     * Every code path once before measuring (the JIT compiles the hot paths; SQLite's page cache fills): an online
     * job and an offline job per device, replayed at the raised rate. Reported, not a measurement.
     */
    private void warmUp(GatewayUnderTest gateway, List<BenchDevice> devices) throws Exception {
        List<String> jobs = gateway.createFleetJob(things(devices), DOCUMENT);
        jobs.addAll(gateway.createFleetJob(things(devices), DOCUMENT));
        gateway.awaitCached(pendingPerThing(devices, 2), jobs, Duration.ofSeconds(60));
        ScenarioResult result = new ScenarioResult("W warm-up (not a measurement)", devices.size()
                + " devices: one job online, one job offline, replayed at replayRatePerSecond "
                + settings.raisedReplayRate());
        result.expectedRequests = 2L * devices.size() * (settings.updates() + 2);
        result.start(gateway.countingUpstream);
        DeviceWork.concurrently(devices, d -> DeviceWork.runJobs(d, 1, settings.updates(), result.recorder));
        gateway.cutLink();
        DeviceWork.concurrently(devices, d -> DeviceWork.runJobs(d, 1, settings.updates(), result.recorder));
        gateway.replayRate(settings.raisedReplayRate());
        gateway.restoreLink();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                .until(() -> gateway.connected() && gateway.store.outboxSize() == 0);
        gateway.replayRate(settings.defaultReplayRate());
        result.stop(gateway.countingUpstream);
        devices.forEach(d -> succeededExpected.merge(d.thing, 2L, Long::sum));
        results.add(result);
    }

    /**
     * Scenario 0, the baseline: one device connected to the cloud (the emulator) directly, without the gateway,
     * runs the same jobs: the cloud's own share of an online request's latency on this machine.
     */
    private void cloudAlone(GatewayUnderTest gateway) throws Exception {
        String thing = "bench-direct-001";
        List<String> jobs = new ArrayList<>();
        for (int j = 0; j < settings.onlineJobs(); j++) {
            jobs.addAll(gateway.createFleetJob(List.of(thing), DOCUMENT));
        }
        gateway.awaitQuietUpstream(settings.smoke() ? QUIET_SMOKE : QUIET);
        ScenarioResult result = new ScenarioResult("0 cloud alone (baseline)", "1 device connected to the emulator"
                + " directly, " + settings.onlineJobs() + " jobs of StartNext + " + settings.updates()
                + " IN_PROGRESS + SUCCEEDED: the cloud's share of the online latency");
        result.expectedRequests = (long) settings.onlineJobs() * (settings.updates() + 2);
        try (BenchDevice direct = new BenchDevice(thing, gateway.cloud.mqttPort(), settings.requestTimeoutMillis())) {
            result.start(gateway.countingUpstream);
            DeviceWork.runJobs(direct, settings.onlineJobs(), settings.updates(), result.recorder);
            result.stop(gateway.countingUpstream);
        }
        long succeeded = gateway.succeededInCloud(thing);
        result.check("the cloud has the jobs SUCCEEDED", succeeded == settings.onlineJobs(),
                succeeded + " SUCCEEDED");
        results.add(result);
    }

    /** Scenario 1: the devices run their jobs end to end, every request proxied to the cloud. */
    private void online(GatewayUnderTest gateway, List<BenchDevice> devices, String name) throws Exception {
        List<String> jobs = new ArrayList<>();
        for (int j = 0; j < settings.onlineJobs(); j++) {
            jobs.addAll(gateway.createFleetJob(things(devices), DOCUMENT));
        }
        // let the gateway take in the cloud's notifications before measuring
        gateway.awaitCached(pendingPerThing(devices, settings.onlineJobs()), jobs, Duration.ofSeconds(60));
        gateway.awaitQuietUpstream(settings.smoke() ? QUIET_SMOKE : QUIET);
        ScenarioResult result = new ScenarioResult(name, atOnce(devices) + ", each " + settings.onlineJobs()
                + " jobs of StartNext + " + settings.updates() + " IN_PROGRESS + SUCCEEDED, proxied to the cloud");
        result.expectedRequests = (long) devices.size() * settings.onlineJobs() * (settings.updates() + 2);
        runJobs(gateway, devices, settings.onlineJobs(), result);
        devices.forEach(d -> succeededExpected.merge(d.thing, (long) settings.onlineJobs(), Long::sum));
        results.add(result);
    }

    /** Jobs for the offline sweep: each step's devices get {@code offlineJobs} more jobs, cached before the cut. */
    private List<String> prepareOfflineJobs(GatewayUnderTest gateway, List<BenchDevice> devices) {
        List<String> jobs = new ArrayList<>();
        Map<String, Integer> pending = new LinkedHashMap<>();
        devices.forEach(d -> pending.put(d.thing, 0));
        for (int concurrency : settings.concurrency()) {
            List<BenchDevice> step = devices.subList(0, concurrency);
            for (int j = 0; j < settings.offlineJobs(); j++) {
                jobs.addAll(gateway.createFleetJob(things(step), DOCUMENT));
            }
            step.forEach(d -> pending.merge(d.thing, settings.offlineJobs(), Integer::sum));
        }
        gateway.awaitCached(pending, jobs, Duration.ofSeconds(120));
        return jobs;
    }

    /** Scenario 4: reads answered from the cache while the cloud cannot be reached. */
    private void offlineReads(GatewayUnderTest gateway, List<BenchDevice> devices) throws Exception {
        ScenarioResult result = new ScenarioResult("4 offline reads", devices.size() + " devices at once, each "
                + settings.reads() + " reads (GetPending and Describe $next alternately), from the cache");
        result.expectedRequests = (long) devices.size() * settings.reads();
        result.start(gateway.countingUpstream);
        DeviceWork.concurrently(devices, d -> DeviceWork.read(d, settings.reads(), result.recorder));
        result.stop(gateway.countingUpstream);
        results.add(result);
    }

    /** Scenario 2: the same job workload answered by the gateway alone, at this many devices at once. */
    private void offlineJobs(GatewayUnderTest gateway, List<BenchDevice> devices) throws Exception {
        offlineJobsAt("2 offline jobs, " + atOnce(devices), gateway, devices, settings.offlineJobs());
    }

    private void offlineJobsAt(String name, GatewayUnderTest gateway, List<BenchDevice> devices, int jobs)
            throws Exception {
        ScenarioResult result = new ScenarioResult(name, atOnce(devices) + ", each " + jobs
                + " jobs of StartNext + " + settings.updates() + " IN_PROGRESS + SUCCEEDED, answered from the"
                + " cache, every write committed to the outbox before it is acknowledged");
        result.expectedRequests = (long) devices.size() * jobs * (settings.updates() + 2);
        long outboxBefore = gateway.store.outboxSize();
        runJobs(gateway, devices, jobs, result);
        result.put("outbox entries added", gateway.store.outboxSize() - outboxBefore);
        devices.forEach(d -> succeededExpected.merge(d.thing, (long) jobs, Long::sum));
        results.add(result);
    }

    private void runJobs(GatewayUnderTest gateway, List<BenchDevice> devices, int jobs, ScenarioResult result)
            throws Exception {
        BenchStores.CommitCounters before = gateway.commits();
        result.start(gateway.countingUpstream);
        DeviceWork.concurrently(devices, d -> DeviceWork.runJobs(d, jobs, settings.updates(), result.recorder));
        result.stop(gateway.countingUpstream);
        BenchStores.CommitCounters commits = gateway.commits().minus(before);
        result.put("store commit calls", commits.committedCalls());
        result.put("store transactions (WAL syncs)", commits.transactions());
        result.put("commit calls per transaction", commits.transactions() == 0 ? 0
                : ReplayScenario.round((double) commits.committedCalls() / commits.transactions()));
        result.put("failed commit calls", commits.failedCalls());
        result.check("no failed commit", commits.failedCalls() == 0, commits.failedCalls() + " failed commits");
    }

    /** Scenario 3: the link comes back; the time to drain the outbox, and readers' latency meanwhile. */
    private void replay(GatewayUnderTest gateway, List<BenchDevice> devices, String name, int rate)
            throws Exception {
        List<BenchDevice> readers = devices.subList(0, Math.min(settings.replayReaders(), devices.size()));
        results.add(new ReplayScenario(gateway, readers, settings.replayReaderPauseMillis()).run(name, rate));
    }

    /** After the last replay the cloud holds every job each device ran as SUCCEEDED. */
    private void checkCloud(GatewayUnderTest gateway) {
        ScenarioResult last = results.get(results.size() - 1);
        for (Map.Entry<String, Long> e : succeededExpected.entrySet()) {
            long inCloud = gateway.succeededInCloud(e.getKey());
            last.check("cloud has " + e.getKey() + "'s jobs SUCCEEDED", inCloud == e.getValue(),
                    inCloud + " SUCCEEDED in the cloud, expected " + e.getValue());
        }
    }

    private static String atOnce(List<BenchDevice> devices) {
        return devices.size() == 1 ? "1 device" : devices.size() + " devices at once";
    }

    private static Map<String, Integer> pendingPerThing(List<BenchDevice> devices, int count) {
        Map<String, Integer> pending = new LinkedHashMap<>();
        devices.forEach(d -> pending.put(d.thing, count));
        return pending;
    }

    private static List<String> things(List<BenchDevice> devices) {
        return devices.stream().map(d -> d.thing).toList();
    }
}
