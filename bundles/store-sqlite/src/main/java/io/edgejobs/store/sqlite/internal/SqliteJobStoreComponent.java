package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import io.edgejobs.api.store.StoreInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobStore} service. Configuration changes that need a new file handle (database path, busy timeout,
 * number of read connections) open the new store first and switch to it, keeping the service registered; the
 * old store finishes its queued commits before the new one writes. The other settings are applied to the open
 * store. A store that cannot be opened at activation stops the component with the reason logged.
 */
@Component(name = SqliteJobStoreComponent.PID, configurationPid = SqliteJobStoreComponent.PID,
        service = JobStore.class)
@Designate(ocd = Config.class)
public final class SqliteJobStoreComponent implements JobStore {
    static final String PID = "io.edgejobs.store";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteJobStoreComponent.class);

    private final StoreOpener opener;
    private volatile SqliteJobStore store;
    private StoreOptions options; // lifecycle methods only; SCR does not run them concurrently

    public SqliteJobStoreComponent() {
        this(StoreOpener.standard());
    }

    SqliteJobStoreComponent(StoreOpener opener) {
        this.opener = opener;
    }

    @Activate
    void activate(Config config) throws StoreOpenException {
        StoreOptions wanted = StoreOptions.from(config);
        try {
            store = opener.open(wanted);
        } catch (StoreOpenException e) {
            LOG.error("The job store does not start: {}", e.getMessage(), e);
            throw e;
        }
        options = wanted;
    }

    @Modified
    void modified(Config config) {
        StoreOptions wanted;
        try {
            wanted = StoreOptions.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Job store configuration rejected, the previous one stays in force: {}", e.getMessage());
            return;
        }
        if (wanted.needsReopenComparedTo(options)) {
            reopen(wanted);
        } else {
            store.retune(wanted).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.error("Store {}: applying synchronous={} failed", wanted.databaseFile(),
                            wanted.synchronous(), failure);
                }
            });
            options = wanted;
        }
    }

    private void reopen(StoreOptions wanted) {
        SqliteJobStore previous = store;
        SqliteJobStore next;
        try {
            // The new writer starts only once the old one has written its whole queue: commits keep their order
            // even when both stores are on the same file.
            next = opener.open(wanted, previous.stopped());
        } catch (StoreOpenException e) {
            LOG.error("Job store configuration rejected, still using {}: {}", previous.file(), e.getMessage(), e);
            return;
        }
        store = next;
        options = wanted;
        previous.close();
        LOG.info("Job store switched from {} to {}", previous.file(), next.file());
    }

    @Deactivate
    void deactivate() {
        SqliteJobStore current = store;
        if (current != null) {
            current.close();
        }
    }

    /** The open store (tests and diagnostics). */
    SqliteJobStore currentStore() {
        return store;
    }

    @Override
    public Optional<ExecutionRecord> execution(String thingName, String jobId, long executionNumber) {
        return onStore(s -> s.execution(thingName, jobId, executionNumber));
    }

    @Override
    public Optional<ExecutionRecord> latestExecution(String thingName, String jobId) {
        return onStore(s -> s.latestExecution(thingName, jobId));
    }

    @Override
    public List<ExecutionRecord> pendingExecutions(String thingName) {
        return onStore(s -> s.pendingExecutions(thingName));
    }

    @Override
    public List<ExecutionRecord> executions(String thingName) {
        return onStore(s -> s.executions(thingName));
    }

    @Override
    public Optional<JobDocumentRecord> document(String jobId) {
        return onStore(s -> s.document(jobId));
    }

    @Override
    public List<OutboxEntry> outbox(int limit) {
        return onStore(s -> s.outbox(limit));
    }

    @Override
    public long outboxSize() {
        return onStore(SqliteJobStore::outboxSize);
    }

    @Override
    public long outboxBytes() {
        return onStore(SqliteJobStore::outboxBytes);
    }

    @Override
    public Set<String> outboxThings() {
        return onStore(SqliteJobStore::outboxThings);
    }

    @Override
    public List<OutboxEntry> outbox(String thingName) {
        return onStore(s -> s.outbox(thingName));
    }

    @Override
    public List<OutboxEntry> outbox(String thingName, String jobId, long executionNumber) {
        return onStore(s -> s.outbox(thingName, jobId, executionNumber));
    }

    @Override
    public Optional<CloudState> cloudState(String thingName, String jobId, long executionNumber) {
        return onStore(s -> s.cloudState(thingName, jobId, executionNumber));
    }

    @Override
    public List<ConflictRecord> conflicts(int limit) {
        return onStore(s -> s.conflicts(limit));
    }

    @Override
    public Set<String> knownThings() {
        return onStore(SqliteJobStore::knownThings);
    }

    @Override
    public CompletionStage<Void> commit(List<StoreChange> changes) {
        SqliteJobStore target = store;
        while (true) {
            CompletableFuture<Void> done = target.trySubmit(changes);
            if (done != null) {
                return done;
            }
            SqliteJobStore now = store;
            if (now == target) {
                return CompletableFuture.failedFuture(new StoreClosedException("the job store is closed"));
            }
            target = now; // switched to a new file while we were submitting
        }
    }

    @Override
    public StoreInfo info() {
        return store.info();
    }

    /** Runs a read on the current store, once more on its successor if it was closed under the read. */
    private <T> T onStore(Function<SqliteJobStore, T> read) {
        SqliteJobStore target = store;
        while (true) {
            try {
                return read.apply(target);
            } catch (StoreClosedException e) {
                SqliteJobStore now = store;
                if (now == target) {
                    throw e;
                }
                target = now;
            }
        }
    }
}
