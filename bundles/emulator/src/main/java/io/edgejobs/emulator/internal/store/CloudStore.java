package io.edgejobs.emulator.internal.store;

import java.util.List;

/**
 * The emulator's durable state: jobs, executions and counters. The emulator keeps everything in memory and writes
 * each change through; a store only has to persist and reload.
 */
public interface CloudStore extends AutoCloseable {

    /** Everything stored, read once at start. */
    StoredState load();

    /**
     * Applies the writes atomically and returns once they are durable.
     *
     * @throws StoreException when they could not be written
     */
    void write(List<StoreWrite> writes);

    /** A short description for logs and the status endpoint. */
    String describe();

    @Override
    void close();
}
