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
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a change the gateway made on its own authority (a device update accepted offline, a local timeout, a
 * conflict the cloud won) and then tells the thing's devices what the cloud would have told them: notify and
 * notify-next from the thing's executions before and after the change, with the cloud's rules
 * ({@link PendingJobs#notifications}). Nothing is relayed unless the commit is durable.
 *
 * <p>A notify-next carries the cached job document (rule 7 of docs/reconciliation.md): while AWS IoT is reachable, a
 * document whose presigned URLs expire within the margin (or that holds a placeholder) is described again first,
 * <em>after</em> the commit and off the thing's lane, and the notifications go out with the fresh document, in
 * order behind the thing's earlier ones ({@link NotificationRelay#inOrder}). If that fails, or AWS IoT cannot be
 * reached, the cached document goes out as it is, flagged ({@link DocumentFreshness#flagIfStale}).
 */
final class LocalCommits {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCommits.class);

    private final JobStore store;
    private final NotificationRelay relay;
    private final DocumentFreshness freshness;
    private final BiFunction<String, String, CompletableFuture<Void>> refreshDocument;
    private final BooleanSupplier connected;

    /**
     * @param refreshDocument describes (thing, job) again with its document when it is due; never fails
     *     ({@link CacheRefresher#refreshDocumentIfDue})
     * @param connected whether AWS IoT can be asked now
     */
    LocalCommits(JobStore store, NotificationRelay relay, DocumentFreshness freshness,
            BiFunction<String, String, CompletableFuture<Void>> refreshDocument, BooleanSupplier connected) {
        this.store = Objects.requireNonNull(store, "store");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.refreshDocument = Objects.requireNonNull(refreshDocument, "refreshDocument");
        this.connected = Objects.requireNonNull(connected, "connected");
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

    /**
     * Relays the notifications a change of the thing's executions calls for (none when nothing pending changed),
     * in order behind the thing's earlier ones; returns at once, the document refresh (if due) runs meanwhile.
     */
    void notifyDevices(String thing, Collection<ExecutionRecord> before, Collection<ExecutionRecord> after,
            Instant now) {
        PendingNotifications due = notifications(before, after, now);
        if (due.listNotification() == null && due.nextNotification() == null) {
            return;
        }
        String job = nextJob(due);
        // the notify-next already carries the cached document (read by notifications above)
        String document = job == null ? null : due.nextNotification().execution().jobDocument();
        CompletableFuture<PendingNotifications> ready;
        if (document != null && connected.getAsBoolean() && freshness.refreshDue(document)) {
            ready = refreshDocument.apply(thing, job).handle((v, error) -> notifications(before, after, now));
        } else {
            ready = CompletableFuture.completedFuture(due);
        }
        relay.inOrder(thing, ready.thenApply(fresh -> () -> send(thing, fresh)));
    }

    private void send(String thing, PendingNotifications due) {
        String job = nextJob(due);
        if (job != null && due.nextNotification().execution().jobDocument() != null) {
            freshness.flagIfStale(thing, job, due.nextNotification().execution().jobDocument());
        }
        due.notifyEvent().ifPresent(event -> relay.deliverNotify(thing, event));
        due.notifyNextEvent().ifPresent(event -> relay.deliverNotifyNext(thing, event));
        LOG.debug("thing {}: local notify {} / notify-next {}", thing, due.listNotification() != null,
                due.nextNotification() != null);
    }

    private PendingNotifications notifications(Collection<ExecutionRecord> before, Collection<ExecutionRecord> after,
            Instant now) {
        return PendingJobs.notifications(before, after,
                jobId -> store.document(jobId).map(JobDocumentRecord::document).orElse(null), now);
    }

    /** The job the notify-next announces, or null when there is none (no notify-next, or an empty queue). */
    private static String nextJob(PendingNotifications due) {
        return due.nextNotification() == null || due.nextNotification().execution() == null ? null
                : due.nextNotification().execution().jobId();
    }
}
