package io.edgejobs.store.sqlite.internal;

import static io.edgejobs.store.sqlite.internal.StoreFixtures.at;
import static io.edgejobs.store.sqlite.internal.StoreFixtures.commitAndWait;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileGetsEveryMigrationAndItsTables() throws Exception {
        // given
        Path file = dir.resolve("nested/folders/new.db");

        // when
        try (SqliteJobStore store = StoreFixtures.open(file)) {
            // then
            assertEquals(3, store.info().schemaVersion());
        }
        assertEquals(List.of(1, 2, 3), appliedVersions(file));
        assertTrue(tables(file).containsAll(List.of("schema_version", "things", "executions", "job_documents",
                "outbox", "cloud_states", "conflicts")), tables(file).toString());
    }

    @Test
    void reopeningAnExistingFileKeepsItsSchemaVersionAndData() throws Exception {
        // given
        Path file = dir.resolve("store.db");
        try (SqliteJobStore store = StoreFixtures.open(file)) {
            commitAndWait(store, new StoreChange.AddThing("t", at(0)));
        }

        // when
        try (SqliteJobStore reopened = StoreFixtures.open(file)) {
            // then
            assertEquals(3, reopened.info().schemaVersion());
            assertEquals(Set.of("t"), reopened.knownThings());
        }
        assertEquals(List.of(1, 2, 3), appliedVersions(file), "no migration ran twice");
    }

    @Test
    void aFileWithANewerSchemaIsRefusedAndLeftUntouched() throws Exception {
        // given: a file written by a future version 7
        Path file = dir.resolve("future.db");
        StoreFixtures.open(file).close();
        try (Connection raw = StoreFixtures.rawConnection(file)) {
            execute(raw, "INSERT INTO schema_version VALUES (7, 'from the future', 0)");
        }
        byte[] before = Files.readAllBytes(file);

        // when
        UnsupportedSchemaException refused =
                assertThrows(UnsupportedSchemaException.class, () -> StoreFixtures.open(file));

        // then
        assertTrue(refused.getMessage().contains("schema version 7"), refused.getMessage());
        assertTrue(refused.getMessage().contains("knows versions up to 3"), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(1, 2, 3, 7), appliedVersions(file));
    }

    @Test
    void anExistingFileIsMigratedForwardInOrder() throws Exception {
        // given: a file at the current version with data
        Path file = dir.resolve("old.db");
        try (SqliteJobStore store = StoreFixtures.open(file)) {
            commitAndWait(store, new StoreChange.AddThing("t", at(0)));
        }
        List<String> log = new ArrayList<>();
        StoreOpener newerCode = new StoreOpener(Clock.systemUTC(), new SchemaMigrator(List.of(
                recording(new V1InitialSchema(), log), recording(new V2Reconciliation(), log),
                recording(new V3OutboxBytes(), log),
                recording(migration(4, "ALTER TABLE things ADD COLUMN label TEXT"), log),
                recording(migration(5, "CREATE TABLE notes (id INTEGER PRIMARY KEY)"), log)), Clock.systemUTC()));

        // when
        try (SqliteJobStore store = newerCode.open(StoreOptions.defaults(file))) {
            // then
            assertEquals(5, store.info().schemaVersion());
            assertEquals(Set.of("t"), store.knownThings());
        }
        assertEquals(List.of("4", "5"), log);
        assertEquals(List.of(1, 2, 3, 4, 5), appliedVersions(file));
    }

    @Test
    void aVersion1FileWithAFullOutboxMigratesToVersion2WithItsDataIntact() throws Exception {
        // given: a file written by the version 1 code (only V1 applied), with every table filled
        Path file = dir.resolve("v1.db");
        try (Connection raw = StoreFixtures.rawConnection(file)) {
            new SchemaMigrator(List.of(new V1InitialSchema()), Clock.systemUTC()).migrate(raw, file);
            execute(raw, "INSERT INTO things VALUES ('t', 1000)");
            execute(raw, "INSERT INTO executions VALUES ('t', 'j', 1, 'IN_PROGRESS', '{\"step\":\"2\"}', 1000,"
                    + " 2000, 3000, 4, 30, 9000, 8000)");
            execute(raw, "INSERT INTO job_documents VALUES ('j', '{\"op\":1}', 1000)");
            execute(raw, "INSERT INTO outbox (thing_name, job_id, status, status_details, expected_version,"
                    + " execution_number, include_job_execution_state, include_job_document, step_timeout_in_minutes,"
                    + " client_token, local_version_number, enqueued_at, attempts)"
                    + " VALUES ('t', 'j', 'IN_PROGRESS', '{\"step\":\"2\"}', 3, 1, 1, 0, 5, 'tok', 4, 3000, 2)");
        }
        assertEquals(List.of(1), appliedVersions(file));

        // when the current code opens it
        try (SqliteJobStore store = StoreFixtures.open(file)) {
            // then it is at the current version (2, then 3), and everything written by version 1 reads back
            assertEquals(3, store.info().schemaVersion());
            assertEquals(Set.of("t"), store.knownThings());
            ExecutionRecord execution = store.execution("t", "j", 1).orElseThrow();
            assertEquals(JobExecutionStatus.IN_PROGRESS, execution.status());
            assertEquals(Map.of("step", "2"), execution.statusDetails());
            assertEquals(4, execution.versionNumber());
            assertEquals(new ExecutionTimers(30L, Instant.ofEpochMilli(9000), Instant.ofEpochMilli(8000)),
                    execution.timers());
            assertEquals("{\"op\":1}", store.document("j").orElseThrow().document());
            OutboxEntry entry = store.outbox(10).get(0);
            assertEquals(new UpdateJobExecutionRequest("t", "j", JobExecutionStatus.IN_PROGRESS, Map.of("step", "2"),
                    3L, 1L, true, false, 5L, "tok"), entry.request());
            assertEquals(4, entry.localVersionNumber());
            assertEquals(2, entry.attempts());
            assertEquals(1, entry.increments(), "a version 1 entry stands for one update");
            assertEquals(List.of(entry), store.outbox("t", "j", 1));
            assertEquals(Set.of("t"), store.outboxThings());
            assertTrue(store.outboxBytes() > V3OutboxBytes.NUMBERS_BYTES, "the entry's stored size is counted");
            // and the new tables are there and empty
            assertEquals(Optional.empty(), store.cloudState("t", "j", 1));
            assertEquals(List.of(), store.conflicts(10));
        }
        assertEquals(List.of(1, 2, 3), appliedVersions(file));
    }

    @Test
    void aFailingMigrationIsRolledBackAndTheStoreDoesNotOpen() throws Exception {
        // given
        Path file = dir.resolve("store.db");
        StoreFixtures.open(file).close();
        Migration broken = new Migration() {
            @Override
            public int version() {
                return 4;
            }

            @Override
            public String description() {
                return "half done";
            }

            @Override
            public void apply(Connection connection) throws SQLException {
                execute(connection, "CREATE TABLE half (id INTEGER)");
                execute(connection, "THIS IS NOT SQL");
            }
        };
        StoreOpener newerCode = new StoreOpener(Clock.systemUTC(),
                new SchemaMigrator(List.of(new V1InitialSchema(), new V2Reconciliation(), new V3OutboxBytes(), broken),
                        Clock.systemUTC()));

        // when
        assertThrows(StoreOpenException.class, () -> newerCode.open(StoreOptions.defaults(file)));

        // then
        assertEquals(List.of(1, 2, 3), appliedVersions(file));
        assertTrue(!tables(file).contains("half"), "the half-applied migration was rolled back");
    }

    @Test
    void migrationsMustBeNumberedWithoutGaps() {
        assertThrows(IllegalArgumentException.class,
                () -> new SchemaMigrator(List.of(new V1InitialSchema(), migration(3, "SELECT 1")), Clock.systemUTC()));
    }

    @Test
    void thePendingQueryUsesThePartialIndex() throws Exception {
        // given
        Path file = dir.resolve("store.db");
        StoreFixtures.open(file).close();

        // when
        StringBuilder plan = new StringBuilder();
        try (Connection raw = StoreFixtures.rawConnection(file);
                var explain = raw.prepareStatement("EXPLAIN QUERY PLAN " + StoreQueries.PENDING_SQL)) {
            explain.setString(1, "t");
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString("detail")).append('\n');
                }
            }
        }

        // then
        assertTrue(plan.toString().contains("executions_pending"), plan.toString());
    }

    private static Migration migration(int version, String sql) {
        return new Migration() {
            @Override
            public int version() {
                return version;
            }

            @Override
            public String description() {
                return sql;
            }

            @Override
            public void apply(Connection connection) throws SQLException {
                execute(connection, sql);
            }
        };
    }

    private static Migration recording(Migration migration, List<String> log) {
        return new Migration() {
            @Override
            public int version() {
                return migration.version();
            }

            @Override
            public String description() {
                return migration.description();
            }

            @Override
            public void apply(Connection connection) throws SQLException {
                log.add(String.valueOf(migration.version()));
                migration.apply(connection);
            }
        };
    }

    private static List<Integer> appliedVersions(Path file) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection raw = StoreFixtures.rawConnection(file); Statement statement = raw.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    private static List<String> tables(Path file) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection raw = StoreFixtures.rawConnection(file); Statement statement = raw.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
