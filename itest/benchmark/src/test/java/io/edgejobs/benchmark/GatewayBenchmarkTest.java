package io.edgejobs.benchmark;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs the benchmark ({@code -Dbenchmark.mode=smoke} in every build, {@code full} with {@code -Pbenchmark}), writes
 * the JSON result and prints the table. It checks only correctness: every request answered, no error, the outbox
 * drained and the cloud holding every job as SUCCEEDED. Timings are reported, never asserted.
 */
class GatewayBenchmarkTest {

    @Test
    void everyDeviceRequestIsAnsweredWithoutErrorOnlineOfflineAndDuringTheReplay() throws Exception {
        // given the whole gateway, the cloud and the devices of the configured sizes
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        Map<String, Object> machine = MachineInfo.describe(Files.createDirectories(
                settings.workDir()));
        Instant started = Instant.now();
        long t0 = System.nanoTime();

        // when the devices run the scenarios
        List<ScenarioResult> scenarios = new GatewayBenchmark(settings).run();

        // then the figures are written and printed ...
        BenchmarkReport report = new BenchmarkReport(settings, machine, scenarios, started,
                (System.nanoTime() - t0) / 1e9);
        report.writeJson(settings.output());
        Path markdown = settings.output().resolveSibling(settings.output().getFileName().toString()
                .replaceFirst("\\.json$", "") + ".md");
        Files.writeString(markdown, report.markdown());
        System.out.println(report.table());
        System.out.println("result written to " + settings.output().toAbsolutePath() + " and "
                + markdown.toAbsolutePath());

        // ... and every request was answered without error, every outcome as expected (timings are not asserted)
        List<Executable> checks = new ArrayList<>();
        for (ScenarioResult s : scenarios) {
            checks.add(() -> assertEquals(0, s.errors(), s.name + ": " + s.recorder.errorMessages()));
            if (s.expectedRequests >= 0) {
                checks.add(() -> assertEquals(s.expectedRequests, s.answered(), s.name + ": requests answered"));
            } else {
                checks.add(() -> assertTrue(s.answered() > 0, s.name + ": the readers were answered"));
            }
            checks.add(() -> assertTrue(s.failedChecks.isEmpty(), s.name + ": " + s.failedChecks));
        }
        assertAll(checks);
    }
}
