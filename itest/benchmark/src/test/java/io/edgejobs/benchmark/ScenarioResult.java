package io.edgejobs.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario's figures: per-operation latencies and errors, the requests it had to answer, and further figures
 * (commits, outbox, replay counters) by name.
 */
final class ScenarioResult {

    final String name;
    final String description;
    final Recorder recorder = new Recorder();
    /** The requests the engine sent to the cloud meanwhile. */
    final Recorder upstream = new Recorder();
    final Map<String, Object> figures = new LinkedHashMap<>();
    final String loadBefore;
    /** Requests the devices had to get answered; -1 when open-ended (readers during a replay). */
    long expectedRequests = -1;
    /** Failed checks of the outcome (the cloud's final state, the drained outbox). */
    final Map<String, String> failedChecks = new LinkedHashMap<>();

    ScenarioResult(String name, String description) {
        this.name = name;
        this.description = description;
        this.loadBefore = MachineInfo.loadAverage();
    }

    /** Starts the clock; the engine's cloud requests are recorded from now on. */
    void start(CountingUpstream cloudRequests) {
        cloudRequests.recordInto(upstream);
        upstream.start();
        recorder.start();
    }

    /** Stops the clock; requests the engine sends from now on belong to no scenario. */
    void stop(CountingUpstream cloudRequests) {
        recorder.stop();
        upstream.stop();
        cloudRequests.recordInto(null);
    }

    void put(String figure, Object value) {
        figures.put(figure, value);
    }

    void check(String what, boolean ok, String detail) {
        if (!ok) {
            failedChecks.put(what, detail);
        }
    }

    long answered() {
        return recorder.totalAnswered();
    }

    long errors() {
        return recorder.totalErrors();
    }
}
