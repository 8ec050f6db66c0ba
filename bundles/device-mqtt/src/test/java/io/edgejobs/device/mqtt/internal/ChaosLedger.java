package io.edgejobs.device.mqtt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the chaos run did and what every device was told, kept for the invariants checked at its end: per thing and
 * execution the last state a device was told (status, details, version, and whether it was an {@code accepted}),
 * the executions the operator cancelled, the counters of the summary, and every violation seen while running.
 */
final class ChaosLedger {

    /** The last thing a device was told of one execution; {@code accepted}: its own update, not a rejection. */
    record Told(String status, Map<String, String> details, long version, boolean accepted) {
    }

    private final Map<String, Map<String, Told>> told = new ConcurrentHashMap<>();
    private final Set<String> cancelledByOperator = ConcurrentHashMap.newKeySet();
    private final Set<String> endedByRejection = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> counters = new ConcurrentSkipListMap<>();
    private final List<String> violations = new ArrayList<>();

    /** Records what a device was told; a version lower than one it was told before is a violation (3). */
    void told(String thing, String executionKey, String status, Map<String, String> details, long version,
            boolean accepted) {
        Map<String, Told> ofThing = told.computeIfAbsent(thing, t -> new ConcurrentHashMap<>());
        Told before = ofThing.get(executionKey);
        if (before != null && version < before.version()) {
            violation(thing + " " + executionKey + ": told v" + version + " (" + status + ") after v"
                    + before.version() + " (" + before.status() + ")");
            return;
        }
        ofThing.put(executionKey, new Told(status, details == null ? Map.of() : new TreeMap<>(details), version,
                accepted));
    }

    Told lastTold(String thing, String executionKey) {
        return told.getOrDefault(thing, Map.of()).get(executionKey);
    }

    Map<String, Told> toldOf(String thing) {
        return new TreeMap<>(told.getOrDefault(thing, Map.of()));
    }

    void cancelledByOperator(String thing, String jobId) {
        cancelledByOperator.add(thing + "/" + jobId);
    }

    boolean isCancelledByOperator(String thing, String jobId) {
        return cancelledByOperator.contains(thing + "/" + jobId);
    }

    int cancelledCount() {
        return cancelledByOperator.size();
    }

    void endedByRejection(String thing, String executionKey) {
        endedByRejection.add(thing + "/" + executionKey);
    }

    boolean wasEndedByRejection(String thing, String executionKey) {
        return endedByRejection.contains(thing + "/" + executionKey);
    }

    void count(String what) {
        counters.computeIfAbsent(what, w -> new AtomicLong()).incrementAndGet();
    }

    long counted(String what) {
        AtomicLong n = counters.get(what);
        return n == null ? 0 : n.get();
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    String counters() {
        StringBuilder s = new StringBuilder();
        counters.forEach((k, v) -> s.append("  ").append(k).append(": ").append(v.get()).append('\n'));
        return s.toString();
    }
}
