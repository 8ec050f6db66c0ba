package io.edgejobs.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latencies and errors per operation of one scenario, recorded by many device threads at once, and the scenario's
 * wall-clock time.
 */
final class Recorder {

    private static final int KEPT_ERROR_MESSAGES = 10;

    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final List<String> errorMessages = Collections.synchronizedList(new ArrayList<>());
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());
    private volatile long startedNanos;
    private volatile long stoppedNanos;

    void start() {
        startedNanos = System.nanoTime();
    }

    void stop() {
        stoppedNanos = System.nanoTime();
    }

    void answered(String operation, long nanos) {
        latencies.computeIfAbsent(operation, this::register).add(nanos);
    }

    void failed(String operation, String message) {
        latencies.computeIfAbsent(operation, this::register);
        errors.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
        synchronized (errorMessages) {
            if (errorMessages.size() < KEPT_ERROR_MESSAGES) {
                errorMessages.add(operation + ": " + message);
            }
        }
    }

    private ConcurrentLinkedQueue<Long> register(String operation) {
        order.add(operation);
        return new ConcurrentLinkedQueue<>();
    }

    double seconds() {
        return (stoppedNanos - startedNanos) / 1e9;
    }

    long totalAnswered() {
        return latencies.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
    }

    long totalErrors() {
        return errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    List<String> errorMessages() {
        synchronized (errorMessages) {
            return List.copyOf(errorMessages);
        }
    }

    /** Figures per operation, in the order the operations first occurred, then "all". */
    Map<String, OperationFigures> figures() {
        Map<String, OperationFigures> figures = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        List<String> names;
        synchronized (order) {
            names = List.copyOf(order);
        }
        double seconds = seconds();
        for (String name : names) {
            List<Long> values = new ArrayList<>(latencies.get(name));
            all.addAll(values);
            figures.put(name, OperationFigures.of(values, errorsOf(name), seconds));
        }
        if (names.size() > 1) {
            figures.put("all", OperationFigures.of(all, totalErrors(), seconds));
        }
        return figures;
    }

    private long errorsOf(String operation) {
        AtomicLong count = errors.get(operation);
        return count == null ? 0 : count.get();
    }

    /**
     * Count, rate and latency percentiles (nearest rank) of one operation.
     *
     * @param perSecond answered requests per second of the scenario's wall-clock time
     */
    record OperationFigures(long count, long errors, double perSecond, double p50Millis, double p95Millis,
            double p99Millis, double maxMillis) {

        static OperationFigures of(List<Long> nanos, long errors, double seconds) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return new OperationFigures(sorted.length, errors, seconds > 0 ? sorted.length / seconds : 0,
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }

        private static double percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
