package io.edgejobs.store.sqlite.internal;

import static io.edgejobs.store.sqlite.internal.StoreFixtures.append;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.at;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.commitAndWait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.StoreChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 3: the outbox's stored size in bytes, kept as entries come and go (case 11, the outbox bound). */
class OutboxBytesTest {
    @TempDir
    Path dir;

    private static UpdateJobExecutionRequest progress(String job, Map<String, String> details, String token) {
        return new UpdateJobExecutionRequest("pump-1", job, JobExecutionStatus.IN_PROGRESS, details, 2L, 1L, true,
                false, null, token);
    }

    /** What the store counts for one entry: its texts in UTF-8 and a fixed amount for its numbers. */
    private static long bytesOf(UpdateJobExecutionRequest r) {
        return utf8(r.thingName()) + utf8(r.jobId()) + utf8(r.status().name())
                + (r.statusDetails() == null ? 0 : utf8(StatusDetailsJson.write(r.statusDetails())))
                + (r.clientToken() == null ? 0 : utf8(r.clientToken())) + V3OutboxBytes.NUMBERS_BYTES;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void theSizeFollowsAppendsMergesAndRemovalsButNotAttemptCounts() throws Exception {
        try (SqliteJobStore store = StoreFixtures.open(dir.resolve("store.db"))) {
            // given an empty outbox
            assertEquals(0, store.outboxBytes());
            UpdateJobExecutionRequest first = progress("job-a", Map.of("step", "téléchargement"), "t-1");
            UpdateJobExecutionRequest second = progress("job-b", null, null);

            // when two entries are appended (one with multi-byte characters, one without details or token)
            commitAndWait(store, append(first, 2, at(1)), append(second, 2, at(2)));

            // then both count, in bytes
            assertEquals(bytesOf(first) + bytesOf(second), store.outboxBytes());
            long a = store.outbox("pump-1", "job-a", 1).get(0).sequence();
            long b = store.outbox("pump-1", "job-b", 1).get(0).sequence();

            // when an attempt is counted: nothing changes
            commitAndWait(store, new StoreChange.CountOutboxAttempt(a));
            assertEquals(bytesOf(first) + bytesOf(second), store.outboxBytes());

            // when the first is merged with a bigger request: it counts as the newer one
            UpdateJobExecutionRequest bigger = progress("job-a", Map.of("step", "install", "percent", "50"), "t-22");
            commitAndWait(store, new StoreChange.MergeOutbox(a, bigger, 3));
            assertEquals(bytesOf(bigger) + bytesOf(second), store.outboxBytes());

            // when both are removed
            commitAndWait(store, new StoreChange.RemoveOutbox(a), new StoreChange.RemoveOutbox(b));
            assertEquals(0, store.outboxBytes());
        }
    }

    @Test
    void aVersion2FileWithEntriesGetsItsSizeWhenMigrated() throws Exception {
        // given a file at version 2 with an entry
        Path file = dir.resolve("v2.db");
        UpdateJobExecutionRequest entry = progress("job-a", Map.of("step", "1"), "t-1");
        try (Connection raw = StoreFixtures.rawConnection(file)) {
            new SchemaMigrator(List.of(new V1InitialSchema(), new V2Reconciliation()), Clock.systemUTC())
                    .migrate(raw, file);
            try (Statement s = raw.createStatement()) {
                s.execute("INSERT INTO outbox (thing_name, job_id, status, status_details, expected_version,"
                        + " execution_number, include_job_execution_state, include_job_document, client_token,"
                        + " local_version_number, enqueued_at) VALUES ('pump-1', 'job-a', 'IN_PROGRESS',"
                        + " '" + StatusDetailsJson.write(entry.statusDetails()) + "', 2, 1, 1, 0, 't-1', 3, 1000)");
            }
        }

        // when the current code opens it
        try (SqliteJobStore store = StoreFixtures.open(file)) {
            // then the existing entry is counted, and new ones add to it
            assertEquals(3, store.info().schemaVersion());
            assertEquals(bytesOf(entry), store.outboxBytes());
            commitAndWait(store, append(entry, 4, at(1)));
            assertEquals(2 * bytesOf(entry), store.outboxBytes());
        }
    }

    @Test
    void readingTheSizeOfTenThousandEntriesIsOneRowNotAScan() throws Exception {
        Path file = dir.resolve("store.db");
        try (SqliteJobStore store = StoreFixtures.open(file)) {
            // given 10 000 entries
            List<StoreChange> changes = new ArrayList<>();
            long expected = 0;
            for (int i = 0; i < 10_000; i++) {
                UpdateJobExecutionRequest r = progress("job-" + (i % 50), Map.of("percent", Integer.toString(i)),
                        "tok-" + i);
                changes.add(append(r, 2 + i, at(i)));
                expected += bytesOf(r);
            }
            store.commit(changes).toCompletableFuture().get();
            assertEquals(10_000, store.outboxSize());
            assertEquals(expected, store.outboxBytes());

            // when the size is read many times
            int reads = 2_000;
            long started = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                store.outboxBytes();
            }
            double micros = (System.nanoTime() - started) / 1000.0 / reads;
            long scanStarted = System.nanoTime();
            try (Connection raw = StoreFixtures.rawConnection(file); Statement s = raw.createStatement()) {
                for (int i = 0; i < 20; i++) {
                    try (ResultSet rows = s.executeQuery("SELECT SUM(" + V3OutboxBytes.ENTRY_BYTES + ") FROM outbox")) {
                        rows.next();
                    }
                }
            }
            double scanMicros = (System.nanoTime() - scanStarted) / 1000.0 / 20;
            System.out.printf("outboxBytes() with 10 000 entries: %.1f µs per read; a SUM over the table: %.1f µs%n",
                    micros, scanMicros);

            // then it is a lookup of one row by its key, not a scan of the outbox
            try (Connection raw = StoreFixtures.rawConnection(file); Statement s = raw.createStatement();
                    ResultSet plan = s.executeQuery("EXPLAIN QUERY PLAN SELECT bytes FROM outbox_totals WHERE id = 1")) {
                StringBuilder text = new StringBuilder();
                while (plan.next()) {
                    text.append(plan.getString("detail")).append('\n');
                }
                assertTrue(text.toString().contains("SEARCH outbox_totals USING INTEGER PRIMARY KEY"), text::toString);
                assertTrue(!text.toString().contains("outbox "), text::toString);
            }
            // and well under a millisecond on average, even on a busy machine (generous: it is one row)
            assertTrue(micros < 2_000, micros + " µs per read");
        }
    }
}
