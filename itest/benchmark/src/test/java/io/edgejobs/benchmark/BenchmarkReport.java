package io.edgejobs.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The run's result as JSON (machine-readable) and as a text table (for people and docs/benchmark.md). */
final class BenchmarkReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BenchmarkSettings settings;
    private final Map<String, Object> machine;
    private final List<ScenarioResult> scenarios;
    private final Instant startedAt;
    private final double seconds;

    BenchmarkReport(BenchmarkSettings settings, Map<String, Object> machine, List<ScenarioResult> scenarios,
            Instant startedAt, double seconds) {
        this.settings = settings;
        this.machine = machine;
        this.scenarios = scenarios;
        this.startedAt = startedAt;
        this.seconds = seconds;
    }

    void writeJson(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", startedAt.toString());
        root.put("seconds", Math.round(seconds * 10) / 10.0);
        root.set("machine", JSON.valueToTree(machine));
        ObjectNode sizes = JSON.valueToTree(settings);
        sizes.remove("output");
        sizes.put("workDir", settings.workDir().toString());
        root.set("settings", sizes);
        var list = root.putArray("scenarios");
        for (ScenarioResult s : scenarios) {
            ObjectNode node = list.addObject();
            node.put("name", s.name);
            node.put("description", s.description);
            node.put("loadAverageBefore", s.loadBefore);
            node.put("seconds", Math.round(s.recorder.seconds() * 1000) / 1000.0);
            node.put("answered", s.answered());
            node.put("expected", s.expectedRequests);
            node.put("errors", s.errors());
            ObjectNode operations = node.putObject("operations");
            s.recorder.figures().forEach((op, f) -> operations.set(op, JSON.valueToTree(f)));
            ObjectNode cloud = node.putObject("cloudRequests");
            s.upstream.figures().forEach((op, f) -> cloud.set(op, JSON.valueToTree(f)));
            node.set("cloudRequestErrors", JSON.valueToTree(s.upstream.errorMessages()));
            node.set("figures", JSON.valueToTree(s.figures));
            node.set("errorMessages", JSON.valueToTree(s.recorder.errorMessages()));
            node.set("failedChecks", JSON.valueToTree(s.failedChecks));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Edgejobs gateway benchmark (%s) %s, %.0f s%n", settings.mode(), startedAt,
                seconds));
        machine.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        for (ScenarioResult s : scenarios) {
            out.append('\n').append(String.format("== %s  [%.2f s, load before %s]%n", s.name, s.recorder.seconds(),
                    s.loadBefore));
            out.append("   ").append(s.description).append('\n');
            out.append(String.format("   %-20s %7s %6s %9s %9s %9s %9s %9s%n", "operation", "count", "errors",
                    "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms"));
            rows(out, s.recorder);
            if (s.upstream.totalAnswered() + s.upstream.totalErrors() > 0) {
                out.append("   meanwhile the engine's requests to the cloud (pacing wait included; 'errors' here are"
                        + " requests the connection refused at once while offline, or the cloud rejected):\n");
                rows(out, s.upstream);
            }
            s.figures.forEach((k, v) -> out.append("   ").append(k).append(": ").append(v).append('\n'));
            s.recorder.errorMessages().forEach(m -> out.append("   ERROR ").append(m).append('\n'));
            s.failedChecks.forEach((k, v) -> out.append("   FAILED CHECK ").append(k).append(": ").append(v)
                    .append('\n'));
        }
        return out.toString();
    }

    /** The same figures as Markdown tables, ready for docs/benchmark.md. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Run %s (%s), %.0f s. Machine: %s cores %s, %s, disk %s; %s.%n", startedAt,
                settings.mode(), seconds, machine.get("cores"), machine.get("cpu"), machine.get("jdk"),
                machine.get("disk"), machine.get("diskSync")));
        for (ScenarioResult s : scenarios) {
            out.append(String.format("%n#### %s%n%n%s. Wall time %.2f s, load average before: %s.%n%n", s.name,
                    s.description, s.recorder.seconds(), s.loadBefore));
            out.append("| operation | count | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            markdownRows(out, s.recorder, "");
            markdownRows(out, s.upstream, "engine → ");
            if (!s.figures.isEmpty()) {
                out.append('\n');
                s.figures.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
            }
        }
        return out.toString();
    }

    private static void markdownRows(StringBuilder out, Recorder recorder, String prefix) {
        recorder.figures().forEach((op, f) -> out.append(String.format(
                "| %s%s | %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f |%n", prefix, op, f.count(), f.errors(),
                f.perSecond(), f.p50Millis(), f.p95Millis(), f.p99Millis(), f.maxMillis())));
    }

    private static void rows(StringBuilder out, Recorder recorder) {
        recorder.figures().forEach((op, f) -> out.append(String.format(
                "   %-20s %7d %6d %9.1f %9.2f %9.2f %9.2f %9.2f%n", op, f.count(), f.errors(), f.perSecond(),
                f.p50Millis(), f.p95Millis(), f.p99Millis(), f.maxMillis())));
    }
}
