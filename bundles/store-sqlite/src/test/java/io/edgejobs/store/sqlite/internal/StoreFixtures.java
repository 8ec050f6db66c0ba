package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.StoreChange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builders shared by the tests; times are whole milliseconds, as the store keeps them. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123Z");

    private StoreFixtures() {
    }

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static SqliteJobStore open(Path file) throws StoreOpenException {
        return StoreOpener.standard().open(StoreOptions.defaults(file));
    }

    static SqliteJobStore open(StoreOptions options) throws StoreOpenException {
        return StoreOpener.standard().open(options);
    }

    static ExecutionRecord execution(String thing, String job, long number, JobExecutionStatus status,
            Instant queuedAt) {
        return new ExecutionRecord(thing, job, number, status, Map.of(), queuedAt,
                status == JobExecutionStatus.QUEUED ? null : queuedAt.plusSeconds(1), queuedAt.plusSeconds(2), 1,
                ExecutionTimers.NONE);
    }

    static UpdateJobExecutionRequest update(String thing, String job, String clientToken) {
        return new UpdateJobExecutionRequest(thing, job, JobExecutionStatus.IN_PROGRESS, Map.of("step", "1"), 3L,
                7L, true, false, 10L, clientToken);
    }

    static StoreChange.AppendOutbox append(UpdateJobExecutionRequest request, long localVersion, Instant at) {
        return new StoreChange.AppendOutbox(request, localVersion, at);
    }

    /** Commits and waits for durability, failing the test after 30 s. */
    static void commitAndWait(SqliteJobStore store, StoreChange... changes) throws Exception {
        store.commit(List.of(changes)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** A plain JDBC connection for looking at or tampering with a file behind the store's back. */
    static Connection rawConnection(Path file) throws SQLException {
        try {
            Class.forName("org.sqlite.JDBC");
        } catch (ClassNotFoundException e) {
            throw new SQLException(e);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
