package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.store.JobStore;
import java.nio.file.Path;

/**
 * The real SQLite job store of bundles/store-sqlite with its DS component's default options (WAL, synchronous FULL,
 * group commit), opened on a plain class path. Lives in the store's package to reach its opener.
 */
public final class ConsoleTestStores {

    private ConsoleTestStores() {
    }

    /** An open store; closing finishes the queued commits and closes the file. */
    public record OpenStore(JobStore store, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    public static OpenStore open(Path file) throws Exception {
        SqliteJobStore store = StoreOpener.standard().open(StoreOptions.defaults(file));
        return new OpenStore(store, store);
    }
}
