package io.edgejobs.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of read-only connections. A query borrows one for the length of one statement; readers share no
 * lock with each other or with the writer (WAL), they only wait when every connection is lent out.
 */
final class ReadConnectionPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadConnectionPool.class);
    private static final long BORROW_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Deque<Connection> idle = new ArrayDeque<>();
    private final String description;
    private boolean closed; // guarded by this

    private ReadConnectionPool(String description) {
        this.description = description;
    }

    static ReadConnectionPool open(SqliteConnections connections, int size, String description) throws SQLException {
        ReadConnectionPool pool = new ReadConnectionPool(description);
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                opened.add(connections.openReader());
            }
        } catch (SQLException e) {
            opened.forEach(c -> closeQuietly(c, e));
            throw e;
        }
        pool.idle.addAll(opened);
        return pool;
    }

    /** Runs one read on a borrowed connection; SQL failures become {@link StoreException}s naming the read. */
    <T> T read(String what, SqlFunction<T> work) {
        Connection connection = borrow(what);
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("store read '" + what + "' on " + description + " failed: " + e.getMessage(), e);
        } finally {
            giveBack(connection);
        }
    }

    private synchronized Connection borrow(String what) {
        long deadline = System.nanoTime() + BORROW_TIMEOUT_NANOS;
        while (true) {
            if (closed) {
                throw new StoreClosedException("store " + description + " is closed; read '" + what + "' not run");
            }
            Connection connection = idle.pollFirst();
            if (connection != null) {
                return connection;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new StoreException("no read connection of " + description + " became free within 30 s");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for a read connection of " + description, e);
            }
        }
    }

    private synchronized void giveBack(Connection connection) {
        if (closed) {
            closeQuietly(connection, null);
        } else {
            idle.addFirst(connection);
            notify();
        }
    }

    /** Closes idle connections now and lent ones when they come back. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        idle.forEach(c -> closeQuietly(c, null));
        idle.clear();
        notifyAll();
    }

    private static void closeQuietly(Connection connection, Throwable failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.warn("Closing a read connection failed: {}", e.toString());
            }
        }
    }
}
