package io.edgejobs.benchmark;

import static org.awaitility.Awaitility.await;

import io.edgejobs.engine.internal.ReplayStatistics;
import io.edgejobs.store.sqlite.internal.BenchStores;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 3: the cloud takes the gateway back; measured are the reconnection, the time from CONNECTED to an empty
 * outbox, and meanwhile the latency of a few devices reading GetPending at a steady pace.
 */
final class ReplayScenario {

    private final GatewayUnderTest gateway;
    private final List<BenchDevice> readers;
    private final int readerPauseMillis;

    ReplayScenario(GatewayUnderTest gateway, List<BenchDevice> readers, int readerPauseMillis) {
        this.gateway = gateway;
        this.readers = readers;
        this.readerPauseMillis = readerPauseMillis;
    }

    ScenarioResult run(String name, int rate) throws Exception {
        long entries = gateway.store.outboxSize();
        ScenarioResult result = new ScenarioResult(name, entries + " outbox entries replayed at "
                + "replayRatePerSecond " + rate + "; meanwhile " + readers.size() + " device(s) read GetPending every "
                + readerPauseMillis + " ms (proxied to the cloud once connected)");
        ReplayStatistics before = gateway.engine.replayStatistics();
        BenchStores.CommitCounters commitsBefore = gateway.commits();
        AtomicBoolean draining = new AtomicBoolean(true);
        Thread readerLoad = new Thread(() -> read(result.recorder, draining), "replay-readers");

        result.start(gateway.countingUpstream);
        long restored = System.nanoTime();
        long connected;
        long drained;
        try {
            gateway.restoreLink();
            readerLoad.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(gateway::connected);
            connected = System.nanoTime();
            Duration bound = Duration.ofSeconds(60 + 4 * entries / Math.max(1, rate));
            await().atMost(bound).pollInterval(Duration.ofMillis(10))
                    .until(() -> gateway.store.outboxSize() == 0);
            drained = System.nanoTime();
        } finally {
            draining.set(false);
            readerLoad.join();
            result.stop(gateway.countingUpstream);
        }

        ReplayStatistics after = gateway.engine.replayStatistics();
        double drainSeconds = (drained - connected) / 1e9;
        result.put("outbox entries", entries);
        result.put("reconnect seconds", round((connected - restored) / 1e9));
        result.put("drain seconds (connected to empty outbox)", round(drainSeconds));
        result.put("entries per second", round(entries / drainSeconds));
        result.put("replay sent", after.sent() - before.sent());
        result.put("replay confirmed", after.confirmed() - before.confirmed());
        result.put("replay throttled by the cloud", after.throttled() - before.throttled());
        result.put("replay failures", after.failures() - before.failures());
        result.put("replay conflicts", after.conflicts() - before.conflicts());
        BenchStores.CommitCounters commits = gateway.commits().minus(commitsBefore);
        result.put("store commit calls", commits.committedCalls());
        result.put("store transactions (WAL syncs)", commits.transactions());
        result.check("every entry confirmed", after.confirmed() - before.confirmed() == entries,
                (after.confirmed() - before.confirmed()) + " confirmed of " + entries);
        result.check("no conflict", after.conflicts() == before.conflicts(),
                (after.conflicts() - before.conflicts()) + " conflicts");
        return result;
    }

    private void read(Recorder recorder, AtomicBoolean draining) {
        try {
            DeviceWork.concurrently(readers, d -> {
                while (draining.get()) {
                    DeviceWork.getPending(d, recorder);
                    pause();
                }
            });
        } catch (Exception e) {
            recorder.failed(DeviceWork.GET_PENDING, "reader load: " + e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(readerPauseMillis); // the readers' think time: load pacing, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
