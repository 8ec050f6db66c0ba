package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import io.edgejobs.api.store.StoreInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The real SQLite job store of bundles/store-sqlite, opened on a plain class path the way its DS component opens
 * it (default options: WAL, synchronous FULL, group commit). Lives in the store's package to reach its opener.
 */
public final class TestStores {

    private TestStores() {
    }

    /** Opens (creating if needed) the store file. */
    public static OpenStore open(Path file) throws Exception {
        return new OpenStore(StoreOpener.standard().open(StoreOptions.defaults(file)));
    }

    /** An open store; closing it finishes the queued commits and closes the file. */
    public static final class OpenStore implements JobStore, AutoCloseable {
        private final SqliteJobStore store;

        private OpenStore(SqliteJobStore store) {
            this.store = store;
        }

        @Override
        public Optional<ExecutionRecord> execution(String thingName, String jobId, long executionNumber) {
            return store.execution(thingName, jobId, executionNumber);
        }

        @Override
        public Optional<ExecutionRecord> latestExecution(String thingName, String jobId) {
            return store.latestExecution(thingName, jobId);
        }

        @Override
        public List<ExecutionRecord> pendingExecutions(String thingName) {
            return store.pendingExecutions(thingName);
        }

        @Override
        public List<ExecutionRecord> executions(String thingName) {
            return store.executions(thingName);
        }

        @Override
        public Optional<JobDocumentRecord> document(String jobId) {
            return store.document(jobId);
        }

        @Override
        public List<OutboxEntry> outbox(int limit) {
            return store.outbox(limit);
        }

        @Override
        public long outboxSize() {
            return store.outboxSize();
        }

        @Override
        public long outboxBytes() {
            return store.outboxBytes();
        }

        @Override
        public Set<String> outboxThings() {
            return store.outboxThings();
        }

        @Override
        public List<OutboxEntry> outbox(String thingName) {
            return store.outbox(thingName);
        }

        @Override
        public List<OutboxEntry> outbox(String thingName, String jobId, long executionNumber) {
            return store.outbox(thingName, jobId, executionNumber);
        }

        @Override
        public Optional<CloudState> cloudState(String thingName, String jobId, long executionNumber) {
            return store.cloudState(thingName, jobId, executionNumber);
        }

        @Override
        public List<ConflictRecord> conflicts(int limit) {
            return store.conflicts(limit);
        }

        @Override
        public Set<String> knownThings() {
            return store.knownThings();
        }

        @Override
        public CompletionStage<Void> commit(List<StoreChange> changes) {
            return store.commit(changes);
        }

        @Override
        public StoreInfo info() {
            return store.info();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
