package io.edgejobs.engine.internal;

import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.PendingJobs;
import io.edgejobs.api.jobs.PendingNotifications;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.StoreChange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a change the gateway made on its own authority (a device update accepted offline, a local timeout, a
 * conflict the cloud won) and then tells the thing's devices what the cloud would have told them: notify and
 * notify-next from the thing's executions before and after the change, with the cloud's rules
 * ({@link PendingJobs#notifications}). Nothing is relayed unless the commit is durable.
 */
final class LocalCommits {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCommits.class);

    private final JobStore store;
    private final NotificationRelay relay;

    LocalCommits(JobStore store, NotificationRelay relay) {
        this.store = Objects.requireNonNull(store, "store");
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    /**
     * @return completes once durable and relayed; exceptionally with InternalError when the store failed (then
     *     nothing was applied)
     */
    CompletableFuture<Void> commit(String thing, Collection<ExecutionRecord> before,
            Collection<ExecutionRecord> after, List<StoreChange> changes, Instant now) {
        if (changes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return store.commit(changes).toCompletableFuture().handle((v, error) -> {
            if (error != null) {
                LOG.error("thing {}: storing a local change failed; it was not applied", thing,
                        Failures.unwrap(error));
                throw new JobsException(ErrorCode.InternalError, "The gateway could not store the change durably;"
                        + " it was not applied, retry later");
            }
            notifyDevices(thing, before, after, now);
            return null;
        });
    }

    /** Relays the notifications a change of the thing's executions calls for (none when nothing pending changed). */
    void notifyDevices(String thing, Collection<ExecutionRecord> before, Collection<ExecutionRecord> after,
            Instant now) {
        PendingNotifications due = PendingJobs.notifications(before, after,
                jobId -> store.document(jobId).map(JobDocumentRecord::document).orElse(null), now);
        due.notifyEvent().ifPresent(event -> relay.jobExecutionsChanged(thing, event));
        due.notifyNextEvent().ifPresent(event -> relay.nextJobExecutionChanged(thing, event));
        if (due.listNotification() != null || due.nextNotification() != null) {
            LOG.debug("thing {}: local notify {} / notify-next {}", thing, due.listNotification() != null,
                    due.nextNotification() != null);
        }
    }
}
