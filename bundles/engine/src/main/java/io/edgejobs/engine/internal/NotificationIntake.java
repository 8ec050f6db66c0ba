package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.store.JobStore;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The cloud's notify and notify-next messages: written through to the cache, relayed to the devices, and followed
 * by Describes of what they show the cache to be missing. A thing's notifications keep their order on the thing's
 * notification lane, which never waits behind the thing's requests.
 *
 * <p>A thing whose devices are answered locally (it has outbox entries) or whose reconciliation with the cloud is
 * running does not get the cloud's messages handled here at all: they can be older than what its devices were
 * told. The reconciliation syncs the thing instead and tells the devices what changed, computed from the local
 * pending list ({@link ThingReconciler}). A follow-up Describe that could not be sent is retried
 * ({@link RefreshRetries}).
 */
final class NotificationIntake {

    private final ThingLanes lanes;
    private final CacheWriter cache;
    private final CacheRefresher refresher;
    private final NotificationRelay relay;
    private final JobStore store;
    private final Clock clock;
    private final Predicate<String> heldBack;
    private final RefreshRetries retries;

    /**
     * @param heldBack whether the cloud's messages for a thing are left to its reconciliation (which is told that
     *     one came)
     */
    NotificationIntake(ThingLanes lanes, CacheWriter cache, CacheRefresher refresher, NotificationRelay relay,
            JobStore store, Clock clock, Predicate<String> heldBack, RefreshRetries retries) {
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.heldBack = Objects.requireNonNull(heldBack, "heldBack");
        this.retries = Objects.requireNonNull(retries, "retries");
    }

    /** notify: relayed, then compared with the cache like a GetPending answer. */
    void jobExecutionsChanged(String thing, JobExecutionsChangedEvent event) {
        lanes.submit(thing, () -> {
            if (heldBack.test(thing)) {
                return CompletableFuture.completedFuture(null);
            }
            relay.jobExecutionsChanged(thing, event);
            refresher.reconcile(thing, NotificationCheck.listed(event), NotificationCheck.isComplete(event), false)
                    .whenComplete((v, e) -> retries.completed(thing, e));
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * notify-next: its execution and document are cached first (so a device reacting to it finds them even if the
     * cloud is gone a moment later), then it is relayed; cached pending executions it shows to be stale are
     * described after.
     */
    void nextJobExecutionChanged(String thing, NextJobExecutionChangedEvent event) {
        lanes.submit(thing, () -> {
            if (heldBack.test(thing)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Boolean> cached = event.execution() == null
                    ? CompletableFuture.completedFuture(true)
                    : cache.putNotified(event.execution(), event.timestamp() == null ? clock.instant()
                            : event.timestamp());
            return cached.thenAccept(known -> {
                relay.nextJobExecutionChanged(thing, event);
                refresher.describeAll(thing, NotificationCheck.staleAfterNext(store, thing, event.execution(),
                        known)).whenComplete((v, e) -> retries.completed(thing, e));
            });
        });
    }
}
