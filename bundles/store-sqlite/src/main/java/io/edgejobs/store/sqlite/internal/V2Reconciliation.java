package io.edgejobs.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Version 2 (the offline issue): what the outbox replay and the reconciliation with the cloud need. The
 * cloud-confirmed state of executions ({@code cloud_states}), the reconciliation audit ({@code conflicts}), how many
 * device updates an outbox entry stands for ({@code outbox.increments}, 1 unless merged) and an index for the
 * per-thing and per-execution outbox queries. Existing rows keep their data; every existing entry stands for one
 * update.
 */
final class V2Reconciliation implements Migration {

    /** How many audit records are kept at least; older ones are pruned when new ones are recorded. */
    static final int CONFLICTS_KEPT = 10_000;

    @Override
    public int version() {
        return 2;
    }

    @Override
    public String description() {
        return "cloud_states, conflicts, outbox.increments, outbox_by_execution";
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        SqliteConnections.execute(connection, """
                CREATE TABLE cloud_states (
                    thing_name       TEXT    NOT NULL CHECK (length(thing_name) > 0),
                    job_id           TEXT    NOT NULL CHECK (length(job_id) > 0),
                    execution_number INTEGER NOT NULL CHECK (execution_number >= 0),
                    status           TEXT    NOT NULL,
                    version_number   INTEGER NOT NULL CHECK (version_number >= 0),
                    confirmed_at     INTEGER NOT NULL,
                    PRIMARY KEY (thing_name, job_id, execution_number)
                )""");
        SqliteConnections.execute(connection, """
                CREATE TABLE conflicts (
                    id               INTEGER PRIMARY KEY AUTOINCREMENT,
                    recorded_at      INTEGER NOT NULL,
                    thing_name       TEXT    NOT NULL CHECK (length(thing_name) > 0),
                    job_id           TEXT    NOT NULL CHECK (length(job_id) > 0),
                    execution_number INTEGER NOT NULL CHECK (execution_number >= 0),
                    kind             TEXT    NOT NULL,
                    local_status     TEXT,
                    local_version    INTEGER,
                    cloud_status     TEXT,
                    cloud_version    INTEGER,
                    dropped_entries  INTEGER NOT NULL CHECK (dropped_entries >= 0),
                    detail           TEXT    NOT NULL
                )""");
        SqliteConnections.execute(connection,
                "ALTER TABLE outbox ADD COLUMN increments INTEGER NOT NULL DEFAULT 1 CHECK (increments >= 1)");
        SqliteConnections.execute(connection,
                "CREATE INDEX outbox_by_execution ON outbox (thing_name, job_id, execution_number, sequence)");
    }
}
