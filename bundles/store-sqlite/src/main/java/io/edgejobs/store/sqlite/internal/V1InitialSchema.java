package io.edgejobs.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Version 1: things, executions, job documents and the outbox. All times are epoch milliseconds. */
final class V1InitialSchema implements Migration {

    /** The predicate of the partial index behind pendingExecutions; queries must repeat it verbatim. */
    static final String PENDING_PREDICATE = "status IN ('IN_PROGRESS', 'QUEUED')";

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "things, executions, job_documents, outbox";
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        SqliteConnections.execute(connection, """
                CREATE TABLE things (
                    thing_name TEXT NOT NULL PRIMARY KEY CHECK (length(thing_name) > 0),
                    first_seen INTEGER NOT NULL
                )""");
        SqliteConnections.execute(connection, """
                CREATE TABLE executions (
                    thing_name                  TEXT    NOT NULL CHECK (length(thing_name) > 0),
                    job_id                      TEXT    NOT NULL CHECK (length(job_id) > 0),
                    execution_number            INTEGER NOT NULL CHECK (execution_number >= 0),
                    status                      TEXT    NOT NULL,
                    status_details              TEXT    NOT NULL,
                    queued_at                   INTEGER NOT NULL,
                    started_at                  INTEGER,
                    last_updated_at             INTEGER NOT NULL,
                    version_number              INTEGER NOT NULL CHECK (version_number >= 0),
                    in_progress_timeout_minutes INTEGER,
                    in_progress_deadline        INTEGER,
                    step_deadline               INTEGER,
                    PRIMARY KEY (thing_name, job_id, execution_number)
                )""");
        SqliteConnections.execute(connection, "CREATE INDEX executions_pending ON executions "
                + "(thing_name, status, queued_at, execution_number) WHERE " + PENDING_PREDICATE);
        SqliteConnections.execute(connection, """
                CREATE TABLE job_documents (
                    job_id     TEXT    NOT NULL PRIMARY KEY CHECK (length(job_id) > 0),
                    document   TEXT    NOT NULL,
                    fetched_at INTEGER NOT NULL
                )""");
        // AUTOINCREMENT: a sequence is never reused, even after the newest entries were removed, so an entry
        // replayed upstream can never be confused with a later one.
        SqliteConnections.execute(connection, """
                CREATE TABLE outbox (
                    sequence                    INTEGER PRIMARY KEY AUTOINCREMENT,
                    thing_name                  TEXT    NOT NULL CHECK (length(thing_name) > 0),
                    job_id                      TEXT    NOT NULL CHECK (length(job_id) > 0),
                    status                      TEXT    NOT NULL,
                    status_details              TEXT,
                    expected_version            INTEGER,
                    execution_number            INTEGER,
                    include_job_execution_state INTEGER NOT NULL CHECK (include_job_execution_state IN (0, 1)),
                    include_job_document        INTEGER NOT NULL CHECK (include_job_document IN (0, 1)),
                    step_timeout_in_minutes     INTEGER,
                    client_token                TEXT,
                    local_version_number        INTEGER NOT NULL,
                    enqueued_at                 INTEGER NOT NULL,
                    attempts                    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0)
                )""");
    }
}
