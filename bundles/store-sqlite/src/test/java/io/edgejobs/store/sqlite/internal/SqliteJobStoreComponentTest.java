package io.edgejobs.store.sqlite.internal;

import static io.edgejobs.store.sqlite.internal.StoreFixtures.at;
import static io.edgejobs.store.sqlite.internal.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreComponentTest {
    @TempDir
    Path dir;

    private final SqliteJobStoreComponent component = new SqliteJobStoreComponent();
    private boolean active;

    @AfterEach
    void deactivate() {
        if (active) {
            component.deactivate();
        }
    }

    private void activate(Config config) throws StoreOpenException {
        component.activate(config);
        active = true;
    }

    @Test
    void theConfigurationDefaultsGiveFullSynchronousAndWal() throws Exception {
        // given: every attribute at its default but the file
        Path file = dir.resolve("default.db");

        // when
        activate(config("databasePath", file.toString()));

        // then: as the writer sees it, as the file says, and as info reports it
        assertEquals("2", component.currentStore().writerPragma("synchronous"), "2 = FULL");
        assertEquals("wal", component.currentStore().writerPragma("journal_mode"));
        try (Connection raw = StoreFixtures.rawConnection(file)) {
            assertEquals("wal", SqliteConnections.pragma(raw, "journal_mode"), "WAL is recorded in the file");
        }
        assertEquals("FULL", component.info().synchronous());
        assertEquals("wal", component.info().journalMode());
        assertEquals(StoreOptions.defaults(file), StoreOptions.from(config("databasePath", file.toString())));
    }

    @Test
    void theDefaultPathIsRelativeToTheWorkingDirectory() {
        // when
        StoreOptions options = StoreOptions.from(config());

        // then
        assertEquals(Path.of(System.getProperty("user.dir"), "data", "edgejobs.db"), options.databaseFile());
    }

    @Test
    void theComponentServesEveryJobStoreMethod() throws Exception {
        // given
        activate(config("databasePath", dir.resolve("s.db").toString()));

        // when
        component.commit(List.of(new StoreChange.AddThing("t", at(0)),
                new StoreChange.PutExecution(StoreFixtures.execution("t", "j", 1,
                        io.edgejobs.api.jobs.JobExecutionStatus.QUEUED, at(0))),
                new StoreChange.PutDocument(new io.edgejobs.api.store.JobDocumentRecord("j", "{}", at(0))),
                StoreFixtures.append(StoreFixtures.update("t", "j", "c"), 1, at(0))))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        // then
        assertEquals(Set.of("t"), component.knownThings());
        assertTrue(component.execution("t", "j", 1).isPresent());
        assertTrue(component.latestExecution("t", "j").isPresent());
        assertEquals(1, component.pendingExecutions("t").size());
        assertEquals(1, component.executions("t").size());
        assertTrue(component.document("j").isPresent());
        assertEquals(1, component.outbox(10).size());
        assertEquals(1, component.outboxSize());
    }

    @Test
    void aCorruptFileIsQuarantinedByDefault() throws Exception {
        // given
        Path file = dir.resolve("s.db");
        Files.writeString(file, "not a database");

        // when
        activate(config("databasePath", file.toString()));

        // then
        assertNotNull(component.info().quarantinedFile());
        assertEquals("not a database", Files.readString(Path.of(component.info().quarantinedFile())));
    }

    @Test
    void withTheFailPolicyTheComponentDoesNotActivateOnACorruptFile() throws Exception {
        // given
        Path file = dir.resolve("s.db");
        Files.writeString(file, "not a database");

        // when / then
        assertThrows(CorruptDatabaseException.class,
                () -> activate(config("databasePath", file.toString(), "onCorruption", CorruptionPolicy.FAIL)));
        assertEquals("not a database", Files.readString(file));
    }

    @Test
    void anInvalidConfigurationStopsActivation() {
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> activate(config("databasePath", dir.resolve("s.db").toString(), "readConnections", 0)));
        assertTrue(invalid.getMessage().contains("readConnections"), invalid.getMessage());
    }

    @Test
    void changingSynchronousOrGroupCommitIsAppliedWithoutReopening() throws Exception {
        // given
        Path file = dir.resolve("s.db");
        activate(config("databasePath", file.toString()));
        SqliteJobStore before = component.currentStore();

        // when
        component.modified(config("databasePath", file.toString(), "synchronous", SynchronousLevel.NORMAL,
                "groupCommitWindowMillis", 0));

        // then
        assertSame(before, component.currentStore());
        assertEquals("1", component.currentStore().writerPragma("synchronous"), "1 = NORMAL");
        assertEquals("NORMAL", component.info().synchronous());
    }

    @Test
    void changingThePathSwitchesToTheNewFileAndLeavesTheOldOneAsItWas() throws Exception {
        // given
        Path first = dir.resolve("first.db");
        Path second = dir.resolve("second/store.db");
        activate(config("databasePath", first.toString()));
        component.commit(List.of(new StoreChange.AddThing("on-first", at(0)))).toCompletableFuture().get();
        SqliteJobStore before = component.currentStore();

        // when
        component.modified(config("databasePath", second.toString()));
        component.commit(List.of(new StoreChange.AddThing("on-second", at(0)))).toCompletableFuture().get();

        // then
        assertNotSame(before, component.currentStore());
        assertEquals(second.toString(), component.info().path());
        assertEquals(Set.of("on-second"), component.knownThings());
        ExecutionException closed = assertThrows(ExecutionException.class,
                () -> before.commit(List.of()).toCompletableFuture().get());
        assertInstanceOf(StoreClosedException.class, closed.getCause());
        try (SqliteJobStore old = StoreFixtures.open(first)) {
            assertEquals(Set.of("on-first"), old.knownThings());
        }
    }

    @Test
    void aNewPathThatCannotBeOpenedKeepsTheCurrentStore() throws Exception {
        // given
        Path file = dir.resolve("s.db");
        activate(config("databasePath", file.toString()));
        SqliteJobStore before = component.currentStore();
        Path notAFile = Files.createDirectory(dir.resolve("a-directory"));

        // when
        component.modified(config("databasePath", notAFile.toString()));

        // then
        assertSame(before, component.currentStore());
        component.commit(List.of(new StoreChange.AddThing("still-here", at(0)))).toCompletableFuture().get();
        assertEquals(Set.of("still-here"), component.knownThings());
    }

    @Test
    void commitsRacingAReopenOfTheSameFileAreNeitherLostNorReordered() throws Exception {
        // given: a caller appending to the outbox, up to 64 commits in flight
        Path file = dir.resolve("s.db");
        activate(config("databasePath", file.toString()));
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<List<CompletableFuture<Void>>> writer = CompletableFuture.supplyAsync(() -> {
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (long n = 1; !stop.get() || n <= 500; n++) {
                if (n > 64) {
                    stages.get((int) n - 65).join();
                }
                stages.add(component.commit(List.of(StoreFixtures.append(StoreFixtures.update("t", "j", "c" + n), n,
                        Instant.ofEpochMilli(n)))).toCompletableFuture());
            }
            return stages;
        });

        // when: the store is reopened three times under it (read connection count changes)
        for (int readers = 3; readers <= 5; readers++) {
            SqliteJobStore before = component.currentStore();
            component.modified(config("databasePath", file.toString(), "readConnections", readers));
            assertNotSame(before, component.currentStore(), "reopened with " + readers + " readers");
        }
        stop.set(true);
        List<CompletableFuture<Void>> stages = writer.get(60, TimeUnit.SECONDS);
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        // then
        List<OutboxEntry> outbox = component.outbox(Integer.MAX_VALUE);
        assertEquals(stages.size(), outbox.size());
        for (int i = 0; i < outbox.size(); i++) {
            assertEquals(i + 1, outbox.get(i).localVersionNumber(), "entry " + i + " out of order");
        }
    }

    @Test
    void afterDeactivationCommitsFailAndNothingIsLeftPending() throws Exception {
        // given
        activate(config("databasePath", dir.resolve("s.db").toString()));
        CompletableFuture<Void> last = component.commit(List.of(new StoreChange.AddThing("t", at(0))))
                .toCompletableFuture();

        // when
        component.deactivate();
        active = false;

        // then
        assertTrue(last.isDone() && !last.isCompletedExceptionally(), "queued commit finished before close");
        ExecutionException closed = assertThrows(ExecutionException.class,
                () -> component.commit(List.of()).toCompletableFuture().get());
        assertInstanceOf(StoreClosedException.class, closed.getCause());
    }
}
