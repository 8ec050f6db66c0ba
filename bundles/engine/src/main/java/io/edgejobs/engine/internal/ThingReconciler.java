package io.edgejobs.engine.internal;

import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Makes a thing's cache, its devices and the cloud agree again (docs/reconciliation.md, "At reconnect"): replay the
 * thing's outbox, describe what the replay confirmed, sync the thing with the cloud (GetPending and Describes),
 * then tell the devices what changed with notify / notify-next computed from the local pending list before and
 * after the sync. While this runs (and while the thing is dirty) the cloud's notifications for the thing are held
 * back: they can be older than what the devices know; one that comes anyway makes the sync run once more.
 *
 * <p>A thing neither dirty nor due an announcement (the periodic prefetch, a newly seen thing) is only synced, as
 * before the offline issue.
 */
final class ThingReconciler {

    private static final int MAX_PASSES = 3;

    private final OutboxReplayer replayer;
    private final CacheRefresher refresher;
    private final JobStore store;
    private final LocalCommits commits;
    private final DirtyThings dirty;
    private final Clock clock;
    private final Consumer<String> requestRun;
    private final Set<String> announcements = ConcurrentHashMap.newKeySet();
    /** Things being reconciled → whether a cloud notification was held back since the flag was last cleared. */
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();

    /**
     * @param requestRun queues a reconciliation of the thing (again, if one is running)
     */
    ThingReconciler(OutboxReplayer replayer, CacheRefresher refresher, JobStore store, LocalCommits commits,
            DirtyThings dirty, Clock clock, Consumer<String> requestRun) {
        this.replayer = Objects.requireNonNull(replayer, "replayer");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.store = Objects.requireNonNull(store, "store");
        this.commits = Objects.requireNonNull(commits, "commits");
        this.dirty = Objects.requireNonNull(dirty, "dirty");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestRun = Objects.requireNonNull(requestRun, "requestRun");
    }

    /** The link came back: these things' devices are told what changed while it was away. */
    void announce(Collection<String> things) {
        announcements.addAll(things);
    }

    /**
     * Whether a cloud notification for the thing must be held back; if so, the thing's reconciliation learns that
     * one came (and is queued when none runs).
     */
    boolean holdsBack(String thing) {
        if (running.computeIfPresent(thing, (k, v) -> true) != null) {
            return true;
        }
        if (dirty.isDirty(thing)) {
            announcements.add(thing);
            requestRun.accept(thing);
            return true;
        }
        return false;
    }

    CompletableFuture<Void> reconcile(String thing) {
        boolean announce = announcements.remove(thing) | dirty.isDirty(thing);
        if (!announce) {
            return refresher.syncThing(thing);
        }
        running.put(thing, false);
        return replayer.replay(thing)
                .thenCompose(replayed -> !replayed.complete() ? CompletableFuture.<Void>completedFuture(null)
                        : refresher.describeAll(thing, List.copyOf(replayed.applied()))
                                .thenCompose(v -> syncAndAnnounce(thing, 1)))
                .whenComplete((v, e) -> running.remove(thing));
    }

    private CompletableFuture<Void> syncAndAnnounce(String thing, int pass) {
        boolean wasKnown = store.knownThings().contains(thing);
        List<ExecutionRecord> before = store.executions(thing);
        running.put(thing, false);
        return refresher.syncThing(thing).thenCompose(v -> {
            if (wasKnown) {
                commits.notifyDevices(thing, before, store.executions(thing), clock.instant());
            }
            boolean again = running.getOrDefault(thing, false) && pass < MAX_PASSES;
            return again ? syncAndAnnounce(thing, pass + 1) : CompletableFuture.completedFuture(null);
        });
    }

    /** Things reconciling now (tests, diagnostics). */
    Set<String> running() {
        return Set.copyOf(running.keySet());
    }
}
