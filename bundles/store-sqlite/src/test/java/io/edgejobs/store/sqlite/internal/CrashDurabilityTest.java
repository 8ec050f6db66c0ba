package io.edgejobs.store.sqlite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends to the outbox and acknowledges each durable commit on stdout; it is killed with SIGKILL
 * mid-stream. Every acknowledged entry must be in the file afterwards, intact, and the store must be usable.
 */
class CrashDurabilityTest {
    private static final int WANTED_ACKS = 300;
    private static final Pattern ACK = Pattern.compile("ACK (\\d+) END");
    private static final String EOF = "\u0000EOF";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesAKillDashNine() throws Exception {
        // given: a child JVM writing to the outbox from 4 threads
        Path file = dir.resolve("crash.db");
        Process child = startChild(file);
        BlockingQueue<String> lines = pump(child);
        Set<Long> acknowledged = new HashSet<>();
        long started = System.nanoTime();
        try {
            assertEquals("READY", lines.poll(60, TimeUnit.SECONDS), "child did not start; see child-stderr.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < WANTED_ACKS && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (EOF.equals(line)) {
                    break;
                }
                addAck(line, acknowledged);
            }
            assertTrue(acknowledged.size() >= WANTED_ACKS, "only " + acknowledged.size() + " acknowledgements; "
                    + "child alive: " + child.isAlive() + ", stderr: " + childErrors());

            // when: SIGKILL, with commits in flight
            child.destroyForcibly();
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        long killedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        for (String line = lines.poll(10, TimeUnit.SECONDS); line != null && !EOF.equals(line);
                line = lines.poll(10, TimeUnit.SECONDS)) {
            addAck(line, acknowledged); // printed before the kill, read after it: just as acknowledged
        }
        boolean walLeftBehind = Files.exists(dir.resolve("crash.db-wal"));

        // then
        long reopenStarted = System.nanoTime();
        try (SqliteJobStore store = StoreOpener.standard().open(StoreOptions.defaults(file))) {
            long reopenMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reopenStarted);
            assertNull(store.info().quarantinedFile(), "a killed writer must not leave a corrupt file");
            List<OutboxEntry> outbox = store.outbox(Integer.MAX_VALUE);
            Map<Long, OutboxEntry> byOrdinal = new HashMap<>();
            long previousSequence = 0;
            for (OutboxEntry entry : outbox) {
                assertTrue(entry.sequence() > previousSequence, "sequences strictly increase");
                previousSequence = entry.sequence();
                long ordinal = entry.localVersionNumber();
                assertNull(byOrdinal.put(ordinal, entry), "ordinal " + ordinal + " stored twice");
            }
            for (long ordinal : acknowledged) {
                OutboxEntry entry = byOrdinal.get(ordinal);
                assertNotNull(entry, "acknowledged ordinal " + ordinal + " is missing");
                assertEquals(OutboxWriterProcess.request(ordinal), entry.request());
                assertEquals(Instant.ofEpochMilli(ordinal), entry.enqueuedAt());
                assertEquals(0, entry.attempts());
            }
            System.out.printf("crash test: %d acknowledged, %d stored (%d committed but not yet acknowledged), "
                    + "killed after %d ms, WAL left behind: %s, reopen + quick_check %d ms%n", acknowledged.size(),
                    outbox.size(), outbox.size() - acknowledged.size(), killedAfterMillis, walLeftBehind,
                    reopenMillis);

            // and the store is usable
            store.commit(List.of(new StoreChange.AppendOutbox(OutboxWriterProcess.request(-1), -1,
                    Instant.EPOCH))).toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<OutboxEntry> after = store.outbox(Integer.MAX_VALUE);
            assertEquals(outbox.size() + 1, after.size());
            assertTrue(after.get(after.size() - 1).sequence() > previousSequence);
        }
        assertFalse(acknowledged.isEmpty());
    }

    private Process startChild(Path file) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OutboxWriterProcess.class.getName(), file.toString(), "4");
        builder.redirectError(dir.resolve("child-stderr.log").toFile());
        return builder.start();
    }

    /** Reads the child's stdout on a daemon thread; EOF is marked so that the test never waits for nothing. */
    private static BlockingQueue<String> pump(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("stdout read failed: " + e);
            } finally {
                lines.add(EOF);
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Only complete lines count: a line cut by the kill has no END and is ignored. */
    private static void addAck(String line, Set<Long> acknowledged) {
        if (line == null) {
            return;
        }
        Matcher ack = ACK.matcher(line);
        if (ack.matches()) {
            acknowledged.add(Long.parseLong(ack.group(1)));
        }
    }

    private String childErrors() {
        try {
            return Files.readString(dir.resolve("child-stderr.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
