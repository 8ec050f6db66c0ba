package io.edgejobs.store.sqlite.internal;

import static io.edgejobs.store.sqlite.internal.StoreFixtures.at;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.commitAndWait;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.execution;
import static io.edgejobs.api.jobs.JobExecutionStatus.QUEUED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.StoreChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptionQuarantineTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private final StoreOpener opener = new StoreOpener(Clock.fixed(NOW, ZoneOffset.UTC), SchemaMigrator.standard());

    @Test
    void aFileThatIsNotADatabaseIsMovedAsideWithItsCompanionsAndAFreshStoreOpens() throws Exception {
        // given
        Path file = dir.resolve("store.db");
        byte[] garbage = "this is a log file, not a database\n".repeat(300).getBytes(StandardCharsets.UTF_8);
        byte[] wal = "a stray write-ahead log".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);
        Files.write(dir.resolve("store.db-wal"), wal);

        // when
        try (SqliteJobStore store = opener.open(StoreOptions.defaults(file))) {
            // then
            Path quarantined = dir.resolve("store.db.corrupt-20261123T100000Z");
            assertEquals(quarantined.toString(), store.info().quarantinedFile());
            assertArrayEquals(garbage, Files.readAllBytes(quarantined));
            assertArrayEquals(wal, Files.readAllBytes(dir.resolve("store.db.corrupt-20261123T100000Z-wal")));
            assertEquals(3, store.info().schemaVersion());
            assertEquals(Set.of(), store.knownThings());
            commitAndWait(store, new StoreChange.AddThing("t", at(0)));
            assertEquals(Set.of("t"), store.knownThings());
        }
    }

    @Test
    void aDatabaseWithCorruptedPagesIsMovedAsideByteForByteAndAFreshStoreOpens() throws Exception {
        // given: a real store spanning many pages, then pages in its middle overwritten
        Path file = dir.resolve("store.db");
        fillWithExecutions(file, 2000);
        byte[] corrupted = corruptMiddlePages(file);

        // when
        try (SqliteJobStore store = opener.open(StoreOptions.defaults(file))) {
            // then
            assertNotNull(store.info().quarantinedFile());
            Path quarantined = Path.of(store.info().quarantinedFile());
            assertArrayEquals(corrupted, Files.readAllBytes(quarantined), "the corrupt file is kept unchanged");
            assertEquals(List.of(), store.executions("thing"));
            commitAndWait(store, new StoreChange.AddThing("t", at(0)));
            assertEquals(Set.of("t"), store.knownThings());
        }
    }

    @Test
    void aDatabaseWithADamagedCellPointerIsQuarantinedToo() throws Exception {
        // given: a few bytes of one leaf page's cell pointer array overwritten (quick_check lists the damage)
        Path file = dir.resolve("store.db");
        fillWithExecutions(file, 2000);
        byte[] bytes = Files.readAllBytes(file);
        int pageSize = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
        int page = bytes.length / pageSize / 2;
        Arrays.fill(bytes, page * pageSize + 8, page * pageSize + 24, (byte) 0xFF);
        Files.write(file, bytes);

        // when
        try (SqliteJobStore store = opener.open(StoreOptions.defaults(file))) {
            // then
            assertArrayEquals(bytes, Files.readAllBytes(Path.of(store.info().quarantinedFile())));
            assertEquals(List.of(), store.executions("thing"));
        }
    }

    @Test
    void withTheFailPolicyACorruptFileIsRefusedAndLeftInPlace() throws Exception {
        // given
        Path file = dir.resolve("store.db");
        fillWithExecutions(file, 2000);
        byte[] corrupted = corruptMiddlePages(file);
        StoreOptions failFast = StoreOptions.defaults(file).withOnCorruption(CorruptionPolicy.FAIL);

        // when
        CorruptDatabaseException refused = assertThrows(CorruptDatabaseException.class, () -> opener.open(failFast));

        // then
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("quick_check"), refused.getMessage());
        assertArrayEquals(corrupted, Files.readAllBytes(file));
        // the read-only probe may leave empty -wal/-shm companions; nothing was moved
        assertFalse(filesIn(dir).stream().anyMatch(name -> name.contains("corrupt")), filesIn(dir).toString());
    }

    @Test
    void aJournalWithoutItsDatabaseIsQuarantinedBeforeAFreshDatabaseIsCreated() throws Exception {
        // given: the database is gone but its WAL is still there
        Path file = dir.resolve("store.db");
        fillWithExecutions(file, 10);
        Files.move(file, dir.resolve("elsewhere.db"));
        byte[] orphan = "orphaned wal".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("store.db-wal"), orphan);

        // when
        try (SqliteJobStore store = opener.open(StoreOptions.defaults(file))) {
            // then
            assertArrayEquals(orphan, Files.readAllBytes(dir.resolve("store.db.corrupt-20261123T100000Z-wal")));
            assertEquals(List.of(), store.executions("thing"));
        }
    }

    @Test
    void aSecondQuarantineInTheSameSecondGetsItsOwnName() throws Exception {
        // given
        Path file = dir.resolve("store.db");
        Files.writeString(file, "garbage one");
        opener.open(StoreOptions.defaults(file)).close();
        Files.delete(file); // replace the fresh database by new garbage
        Files.writeString(file, "garbage two");

        // when
        try (SqliteJobStore store = opener.open(StoreOptions.defaults(file))) {
            // then
            assertEquals(dir.resolve("store.db.corrupt-20261123T100000Z-2").toString(),
                    store.info().quarantinedFile());
        }
        assertEquals("garbage one", Files.readString(dir.resolve("store.db.corrupt-20261123T100000Z")));
        assertEquals("garbage two", Files.readString(dir.resolve("store.db.corrupt-20261123T100000Z-2")));
    }

    @Test
    void aPathThatCannotBeOpenedIsAnErrorNotACorruption() throws Exception {
        // given: a directory where the file should be
        Path file = dir.resolve("store.db");
        Files.createDirectory(file);

        // when
        assertThrows(StoreOpenException.class, () -> opener.open(StoreOptions.defaults(file)));

        // then
        assertTrue(Files.isDirectory(file));
        assertEquals(List.of("store.db"), filesIn(dir));
    }

    @Test
    void aHealthyFileIsNeitherMovedNorReported() throws Exception {
        // given
        Path file = dir.resolve("store.db");
        fillWithExecutions(file, 10);

        // when
        try (SqliteJobStore store = opener.open(StoreOptions.defaults(file))) {
            // then
            assertEquals(null, store.info().quarantinedFile());
            assertEquals(10, store.executions("thing").size());
        }
        assertFalse(filesIn(dir).stream().anyMatch(name -> name.contains("corrupt")));
    }

    private void fillWithExecutions(Path file, int count) throws Exception {
        try (SqliteJobStore store = StoreFixtures.open(file)) {
            List<StoreChange> changes = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                ExecutionRecord e = execution("thing", "job-" + n, n, QUEUED, at(n));
                changes.add(new StoreChange.PutExecution(new ExecutionRecord(e.thingName(), e.jobId(),
                        e.executionNumber(), e.status(), Map.of("detail", "x".repeat(200)), e.queuedAt(),
                        e.startedAt(), e.lastUpdatedAt(), e.versionNumber(), ExecutionTimers.NONE)));
            }
            store.commit(changes).toCompletableFuture().get();
        }
        assertFalse(Files.exists(file.resolveSibling(file.getFileName() + "-wal")), "checkpointed at close");
    }

    /** Overwrites three pages in the middle of the file with a pattern; returns the resulting bytes. */
    private static byte[] corruptMiddlePages(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int pageSize = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
        int pages = bytes.length / pageSize;
        assertTrue(pages > 20, "the test needs a multi-page database, got " + pages + " pages");
        int firstCorruptPage = pages / 2;
        Arrays.fill(bytes, firstCorruptPage * pageSize, (firstCorruptPage + 3) * pageSize, (byte) 0xA5);
        Files.write(file, bytes);
        return bytes;
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
