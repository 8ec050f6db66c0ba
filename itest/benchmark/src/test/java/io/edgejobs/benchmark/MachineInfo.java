package io.edgejobs.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on. */
final class MachineInfo {

    private MachineInfo() {
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or the JVM's 1 minute figure elsewhere. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    static Map<String, Object> describe(Path workDir) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        try {
            var store = Files.getFileStore(workDir);
            machine.put("disk", store.name() + " (" + store.type() + ")");
        } catch (IOException e) {
            machine.put("disk", "unknown: " + e.getMessage());
        }
        machine.put("storeFile", workDir.toAbsolutePath().resolve("edgejobs.db").toString());
        machine.put("diskSync", syncLatency(workDir));
        machine.put("loadAverageAtStart", loadAverage());
        return machine;
    }

    /**
     * The disk's price of one durable commit: 4 KiB appended and forced ({@code fdatasync}) 50 times in the store's
     * folder, p50 / max in ms. A store transaction at synchronous FULL in WAL mode costs at least one of these.
     */
    static String syncLatency(Path dir) {
        Path file = dir.resolve("sync-probe.bin");
        long[] nanos = new long[50];
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(4096);
            for (int i = 0; i < nanos.length; i++) {
                block.clear();
                long t0 = System.nanoTime();
                channel.write(block);
                channel.force(false);
                nanos[i] = System.nanoTime() - t0;
            }
        } catch (IOException e) {
            return "unknown: " + e.getMessage();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover probe file in target/ is harmless
            }
        }
        java.util.Arrays.sort(nanos);
        return String.format("4 KiB write + fdatasync: p50 %.2f ms, max %.2f ms (50 samples)",
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
