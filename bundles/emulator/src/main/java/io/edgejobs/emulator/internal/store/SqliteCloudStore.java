package io.edgejobs.emulator.internal.store;

import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.emulator.internal.cloud.CloudExecution;
import io.edgejobs.emulator.internal.cloud.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The emulator's own SQLite file (tables {@code jobs}, {@code executions}, {@code counters}), written through
 * sqlite-jdbc's {@link SQLiteDataSource} in WAL mode.
 *
 * <p>Writes from many thing lanes are grouped: one writer thread takes every batch waiting, commits them in one
 * transaction and then releases their callers, so concurrent lanes share a commit instead of queueing on a lock.
 */
public final class SqliteCloudStore implements CloudStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteCloudStore.class);
    private static final int SCHEMA_VERSION = 1;
    private static final long WRITE_TIMEOUT_SECONDS = 30;
    private static final String CLOCK_COUNTER = "clock.lastEmulatedMillis";

    private record Batch(List<StoreWrite> writes, CompletableFuture<Void> done) {
    }

    private static final Batch STOP = new Batch(List.of(), new CompletableFuture<>());

    private final Path file;
    private final Connection connection;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    public SqliteCloudStore(Path file) {
        this.file = file.toAbsolutePath();
        try {
            Path parent = this.file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5000);
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl("jdbc:sqlite:" + this.file);
            this.connection = dataSource.getConnection();
            createSchema();
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open the emulator data file " + this.file + ": " + e.getMessage(), e);
        }
        this.writer = new Thread(this::writeLoop, "emulator-sqlite-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    private void createSchema() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS jobs (job_id TEXT PRIMARY KEY, status TEXT NOT NULL,"
                    + " body TEXT NOT NULL)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS executions (thing_name TEXT NOT NULL, job_id TEXT NOT NULL,"
                    + " execution_number INTEGER NOT NULL, status TEXT NOT NULL, status_details TEXT NOT NULL,"
                    + " queued_at INTEGER NOT NULL, started_at INTEGER, last_updated_at INTEGER NOT NULL,"
                    + " version_number INTEGER NOT NULL, in_progress_timeout_minutes INTEGER,"
                    + " in_progress_deadline INTEGER, step_deadline INTEGER, force_canceled INTEGER NOT NULL,"
                    + " PRIMARY KEY (thing_name, job_id, execution_number))");
            s.executeUpdate("INSERT OR IGNORE INTO counters (name, value) VALUES ('schema.version', "
                    + SCHEMA_VERSION + ")");
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM counters WHERE name = 'schema.version'")) {
            long version = rs.next() ? rs.getLong(1) : SCHEMA_VERSION;
            if (version != SCHEMA_VERSION) {
                throw new SQLException("schema version " + version + " is not " + SCHEMA_VERSION
                        + "; this emulator cannot read the file");
            }
        }
    }

    @Override
    public synchronized StoredState load() {
        try {
            List<Job> jobs = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT body FROM jobs")) {
                while (rs.next()) {
                    jobs.add(JobJson.read(rs.getString(1)));
                }
            }
            List<CloudExecution> executions = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT thing_name, job_id, execution_number, status, status_details, queued_at, started_at,"
                            + " last_updated_at, version_number, in_progress_timeout_minutes, in_progress_deadline,"
                            + " step_deadline, force_canceled FROM executions")) {
                while (rs.next()) {
                    executions.add(readExecution(rs));
                }
            }
            Instant clock = null;
            try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
                ps.setString(1, CLOCK_COUNTER);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        clock = Instant.ofEpochMilli(rs.getLong(1));
                    }
                }
            }
            LOG.info("emulator data file {}: {} jobs, {} executions", file, jobs.size(), executions.size());
            return new StoredState(jobs, executions, clock);
        } catch (SQLException e) {
            throw new StoreException("cannot read the emulator data file " + file + ": " + e.getMessage(), e);
        }
    }

    private static CloudExecution readExecution(ResultSet rs) throws SQLException {
        ExecutionTimers timers = new ExecutionTimers(longOrNull(rs, 10), instantOrNull(rs, 11), instantOrNull(rs, 12));
        ExecutionRecord record = new ExecutionRecord(rs.getString(1), rs.getString(2), rs.getLong(3),
                JobExecutionStatus.valueOf(rs.getString(4)), JobJson.readDetails(rs.getString(5)),
                Instant.ofEpochMilli(rs.getLong(6)), instantOrNull(rs, 7), Instant.ofEpochMilli(rs.getLong(8)),
                rs.getLong(9), timers);
        return new CloudExecution(record, rs.getInt(13) != 0);
    }

    @Override
    public void write(List<StoreWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        if (closed) {
            throw new StoreException("the emulator data file " + file + " is closed", null);
        }
        Batch batch = new Batch(List.copyOf(writes), new CompletableFuture<>());
        queue.add(batch);
        try {
            batch.done().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new StoreException("no commit of " + file + " within " + WRITE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing " + file, e);
        } catch (ExecutionException e) {
            throw new StoreException("cannot write the emulator data file " + file + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private void writeLoop() {
        List<Batch> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group);
            boolean stop = group.remove(STOP);
            if (!group.isEmpty()) {
                commit(group);
            }
            group.clear();
            if (stop) {
                List<Batch> late = new ArrayList<>();
                queue.drainTo(late);
                late.forEach(b -> b.done().completeExceptionally(new IllegalStateException("store closed")));
                return;
            }
        }
    }

    private void commit(List<Batch> group) {
        try {
            synchronized (this) {
                connection.setAutoCommit(false);
                try {
                    for (Batch b : group) {
                        for (StoreWrite w : b.writes()) {
                            apply(w);
                        }
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            }
            group.forEach(b -> b.done().complete(null));
        } catch (SQLException | RuntimeException e) {
            LOG.error("emulator data file {}: commit of {} batches failed", file, group.size(), e);
            group.forEach(b -> b.done().completeExceptionally(e));
        }
    }

    private void apply(StoreWrite write) throws SQLException {
        if (write instanceof StoreWrite.PutJob w) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT OR REPLACE INTO jobs (job_id, status, body) VALUES (?, ?, ?)")) {
                ps.setString(1, w.job().jobId());
                ps.setString(2, w.job().status().name());
                ps.setString(3, JobJson.write(w.job()));
                ps.executeUpdate();
            }
        } else if (write instanceof StoreWrite.DeleteJob w) {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM jobs WHERE job_id = ?")) {
                ps.setString(1, w.jobId());
                ps.executeUpdate();
            }
        } else if (write instanceof StoreWrite.PutExecution w) {
            putExecution(w.execution());
        } else if (write instanceof StoreWrite.DeleteExecution w) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM executions WHERE thing_name = ? AND job_id = ? AND execution_number = ?")) {
                ps.setString(1, w.key().thingName());
                ps.setString(2, w.key().jobId());
                ps.setLong(3, w.key().executionNumber());
                ps.executeUpdate();
            }
        } else if (write instanceof StoreWrite.SaveClock w) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET"
                            + " value = max(value, excluded.value)")) {
                ps.setString(1, CLOCK_COUNTER);
                ps.setLong(2, w.emulatedNow().toEpochMilli());
                ps.executeUpdate();
            }
        }
    }

    private void putExecution(CloudExecution execution) throws SQLException {
        ExecutionRecord r = execution.record();
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO executions (thing_name,"
                + " job_id, execution_number, status, status_details, queued_at, started_at, last_updated_at,"
                + " version_number, in_progress_timeout_minutes, in_progress_deadline, step_deadline, force_canceled)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.thingName());
            ps.setString(2, r.jobId());
            ps.setLong(3, r.executionNumber());
            ps.setString(4, r.status().name());
            ps.setString(5, JobJson.writeDetails(r.statusDetails()));
            ps.setLong(6, r.queuedAt().toEpochMilli());
            setInstant(ps, 7, r.startedAt());
            ps.setLong(8, r.lastUpdatedAt().toEpochMilli());
            ps.setLong(9, r.versionNumber());
            if (r.timers().inProgressTimeoutInMinutes() == null) {
                ps.setNull(10, Types.INTEGER);
            } else {
                ps.setLong(10, r.timers().inProgressTimeoutInMinutes());
            }
            setInstant(ps, 11, r.timers().inProgressDeadline());
            setInstant(ps, 12, r.timers().stepDeadline());
            ps.setInt(13, execution.forceCanceled() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    private static Instant instantOrNull(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Long longOrNull(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    @Override
    public String describe() {
        return "sqlite " + file;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("closing the emulator data file {} failed", file, e);
            }
        }
    }
}
