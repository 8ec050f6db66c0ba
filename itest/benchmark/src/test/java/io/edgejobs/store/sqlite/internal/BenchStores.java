package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.store.JobStore;
import java.nio.file.Path;

/**
 * The real SQLite job store of bundles/store-sqlite opened the way its DS component opens it with the shipped
 * configuration (WAL, synchronous FULL, 2 ms group-commit window), plus the writer's counters, which the JobStore
 * SPI does not expose. Lives in the store's package to reach its opener and counters.
 */
public final class BenchStores {

    private BenchStores() {
    }

    /** Opens (creating if needed) the store file. */
    public static JobStore open(Path file) throws Exception {
        return StoreOpener.standard().open(StoreOptions.defaults(file));
    }

    /** The writer's counters so far. */
    public static CommitCounters counters(JobStore store) {
        WriterStatistics statistics = ((SqliteJobStore) store).statistics();
        return new CommitCounters(statistics.transactions(), statistics.committedCalls(), statistics.failedCalls());
    }

    /** Finishes the queued commits and closes the file. */
    public static void close(JobStore store) {
        ((SqliteJobStore) store).close();
    }

    /**
     * The writer's counters.
     *
     * @param transactions committed SQLite transactions: with synchronous FULL in WAL mode, one WAL sync each
     * @param committedCalls {@code JobStore.commit} calls acknowledged
     * @param failedCalls {@code JobStore.commit} calls failed
     */
    public record CommitCounters(long transactions, long committedCalls, long failedCalls) {

        public CommitCounters minus(CommitCounters before) {
            return new CommitCounters(transactions - before.transactions, committedCalls - before.committedCalls,
                    failedCalls - before.failedCalls);
        }
    }
}
