package io.edgejobs.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of one benchmark run, from system properties ({@code benchmark.*}), with defaults per mode: {@code smoke}
 * (tiny, every build) or {@code full} (a few minutes, {@code -Pbenchmark}).
 *
 * @param mode smoke or full
 * @param devices MQTT devices connected for the whole run (at least the largest offline concurrency)
 * @param onlineJobs jobs each device runs end to end in the online scenario
 * @param updates IN_PROGRESS updates per job, between StartNext and SUCCEEDED
 * @param offlineJobs jobs each active device runs in each step of the offline concurrency sweep
 * @param concurrency the numbers of devices working at once in the offline sweep
 * @param reads reads (GetPending and Describe $next, alternately) per device in the offline read scenario
 * @param defaultReplayRate the engine's replayRatePerSecond for the first replay (the shipped default is 10)
 * @param raisedReplayRate replayRatePerSecond for the second replay (the engine accepts up to 100)
 * @param replayReaders devices reading (GetPending) while the outbox drains, to measure their latency meanwhile
 * @param replayReaderPauseMillis pause between two reads of one replay reader
 * @param warmup run every code path once before measuring (full: yes, smoke: no)
 * @param cloudDelayMillis extra delay of every cloud answer (emulator fault injection), standing for the network
 *        round trip to AWS IoT; 0 = loopback only
 * @param requestTimeoutMillis how long a device waits for an answer before counting an error
 * @param output the JSON result file
 * @param workDir where the gateway's SQLite file lives
 */
public record BenchmarkSettings(String mode, int devices, int onlineJobs, int updates, int offlineJobs,
        List<Integer> concurrency, int reads, int defaultReplayRate, int raisedReplayRate, int replayReaders,
        int replayReaderPauseMillis, boolean warmup, int cloudDelayMillis, int requestTimeoutMillis, Path output,
        Path workDir) {

    /** Reads the system properties. */
    public static BenchmarkSettings fromSystemProperties() {
        String mode = System.getProperty("benchmark.mode", "smoke").trim();
        boolean full = switch (mode) {
            case "full" -> true;
            case "smoke" -> false;
            default -> throw new IllegalArgumentException("benchmark.mode must be smoke or full, was " + mode);
        };
        List<Integer> concurrency = integers(System.getProperty("benchmark.concurrency", full ? "1,10,50" : "1,3"));
        int devices = integer("benchmark.devices", full ? 50 : 3);
        int largest = concurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (largest > devices) {
            throw new IllegalArgumentException("benchmark.concurrency " + concurrency + " needs at least " + largest
                    + " devices, benchmark.devices is " + devices);
        }
        return new BenchmarkSettings(mode, devices,
                integer("benchmark.jobs", full ? 3 : 1),
                integer("benchmark.updates", full ? 3 : 1),
                integer("benchmark.offlineJobs", full ? 2 : 1),
                concurrency,
                integer("benchmark.reads", full ? 40 : 4),
                integer("benchmark.replayRate", 10),
                integer("benchmark.raisedReplayRate", 100),
                integer("benchmark.replayReaders", full ? 5 : 1),
                integer("benchmark.replayReaderPauseMillis", 200),
                Boolean.parseBoolean(System.getProperty("benchmark.warmup", Boolean.toString(full))),
                integer("benchmark.cloudDelayMillis", 0),
                integer("benchmark.requestTimeoutMillis", 30_000),
                Path.of(System.getProperty("benchmark.output", "target/benchmark/result-" + mode + ".json")),
                Path.of(System.getProperty("benchmark.workDir", "target/benchmark/work")));
    }

    public boolean smoke() {
        return mode.equals("smoke");
    }

    private static int integer(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed = Integer.parseInt(value.trim());
        if (parsed < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + parsed);
        }
        return parsed;
    }

    private static List<Integer> integers(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                int value = Integer.parseInt(part.trim());
                if (value < 1) {
                    throw new IllegalArgumentException("benchmark.concurrency entries must be positive: " + csv);
                }
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("benchmark.concurrency is empty");
        }
        return List.copyOf(values);
    }
}
