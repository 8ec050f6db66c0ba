package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay of one thing's outbox (see {@link OutboxReplayer}): the oldest entry is counted as attempted, sent on
 * the cloud's version of its execution, and acted on as {@link ReplayOutcome} says; then the next, until the
 * outbox is empty or the link is down. Per execution it remembers the cloud's version as last learned and, after a
 * realignment, the difference between the cloud's and the local versions. One step runs at a time.
 *
 * <p>The progress of an execution that timed out locally meanwhile (its timer ran from the offline start, the
 * cloud's runs from the replay) is sent with the shortest step timer AWS accepts, so that the cloud takes the same
 * decision within a minute instead of a whole timeout later; until it has, the thing stays answered locally
 * ({@link AwaitedTimeouts}; docs/reconciliation.md, "Timers of an execution started offline").
 */
final class ThingReplay {

    private static final Logger LOG = LoggerFactory.getLogger(ThingReplay.class);
    /** Re-sends on a version the gateway did not expect, per entry, before the entry is retried after a pause. */
    private static final int MAX_REALIGNS_PER_ENTRY = 3;
    /** The shortest stepTimeoutInMinutes AWS IoT accepts. */
    static final long SHORTEST_STEP_TIMEOUT_MINUTES = 1;

    private final String thing;
    private final OutboxReplayer.Parts parts;
    private final ThingLanes lanes;
    private final ReplayPacer pacer;
    private final ConflictRecorder conflicts;
    private final ReplayCounters counters;
    /** Per execution: the cloud's version as the replay last learned it. */
    private final Map<String, Long> cloudVersions = new HashMap<>();
    /** Per execution: cloud version − local version, when the cloud was not where the gateway expected. */
    private final Map<String, Long> shifts = new HashMap<>();
    private final Set<CacheRefresher.Target> applied = new LinkedHashSet<>();
    private long realignsOfEntry;
    private long realignedSequence = -1;
    private int sent;

    ThingReplay(String thing, OutboxReplayer.Parts parts) {
        this.thing = thing;
        this.parts = parts;
        this.lanes = parts.lanes();
        this.pacer = parts.pacer();
        this.conflicts = parts.conflicts();
        this.counters = parts.counters();
    }

    int sent() {
        return sent;
    }

    Set<CacheRefresher.Target> applied() {
        return applied;
    }

    /** The oldest entry, counted as attempted; or the end. */
    CompletableFuture<Boolean> next() {
        return lanes.submit(thing, () -> {
            List<OutboxEntry> entries = parts.store().outbox(thing);
            if (entries.isEmpty()) {
                parts.dirty().markClean(thing);
                return CompletableFuture.completedFuture((OutboxEntry) null);
            }
            OutboxEntry entry = entries.get(0);
            return parts.store().commit(List.of(new StoreChange.CountOutboxAttempt(entry.sequence())))
                    .toCompletableFuture().thenApply(v -> entry);
        }).thenCompose(entry -> entry == null ? CompletableFuture.completedFuture(true) : send(entry));
    }

    private CompletableFuture<Boolean> send(OutboxEntry entry) {
        String key = key(entry);
        long shift = shifts.getOrDefault(key, 0L);
        long expected = cloudVersions.getOrDefault(key,
                entry.localVersionNumber() - entry.increments() + shift);
        UpdateJobExecutionRequest device = entry.request();
        Long stepTimeout = device.stepTimeoutInMinutes();
        if (timedOutLocally(device)) {
            stepTimeout = SHORTEST_STEP_TIMEOUT_MINUTES;
            LOG.info("thing {} job {}: execution {} timed out locally after its offline start; its progress is "
                    + "replayed with a {}-minute step timer so that AWS IoT times it out too", thing, device.jobId(),
                    device.executionNumber(), SHORTEST_STEP_TIMEOUT_MINUTES);
        }
        UpdateJobExecutionRequest sending = new UpdateJobExecutionRequest(thing, device.jobId(), device.status(),
                device.statusDetails(), expected, device.executionNumber(), true, false,
                stepTimeout, parts.tokens().next());
        return pacer.permit()
                .thenCompose(v -> {
                    sent++;
                    counters.sent.incrementAndGet();
                    return parts.upstream().call(u -> u.updateJobExecution(sending), parts.bound().get())
                            .handle((answer, error) -> ReplayOutcome.of(sending, answer, error));
                })
                .thenCompose(outcome -> act(entry, sending, outcome));
    }

    private CompletableFuture<Boolean> act(OutboxEntry entry, UpdateJobExecutionRequest sent,
            ReplayOutcome outcome) {
        String key = key(entry);
        long target = entry.localVersionNumber() + shifts.getOrDefault(key, 0L);
        JobExecutionState cloud = outcome.cloud();
        LOG.debug("thing {} job {}: replay of {} v{} (entry {}): {} {}", thing, sent.jobId(), sent.status(),
                entry.localVersionNumber(), entry.sequence(), outcome.kind(), outcome.reason());
        switch (outcome.kind()) {
            case APPLIED -> {
                pacer.succeeded();
                return confirmed(entry, cloud == null ? sent.expectedVersion() + 1 : cloud.versionNumber(),
                        target, cloud);
            }
            case REALIGN -> {
                if (withinEntry(entry, sent, cloud, target)) {
                    return confirmed(entry, cloud.versionNumber(), target, cloud); // an earlier send applied
                }
                if (realignedSequence != entry.sequence()) {
                    realignedSequence = entry.sequence();
                    realignsOfEntry = 0;
                }
                if (++realignsOfEntry > MAX_REALIGNS_PER_ENTRY) {
                    pause("the cloud's version keeps moving");
                    return next();
                }
                counters.conflicts.incrementAndGet();
                shifts.put(key, shifts.getOrDefault(key, 0L) + cloud.versionNumber() - sent.expectedVersion());
                cloudVersions.put(key, cloud.versionNumber());
                return conflicts.realigned(thing, entry, cloud, sent.expectedVersion(), outcome.reason())
                        .thenCompose(v -> next());
            }
            case CONFLICT -> {
                counters.conflicts.incrementAndGet();
                return conflicts.cloudWins(thing, sent.jobId(), sent.executionNumber(), cloud, outcome.reason())
                        .thenCompose(v -> forget(key));
            }
            case GONE -> {
                counters.conflicts.incrementAndGet();
                return conflicts.deleted(thing, sent.jobId(), sent.executionNumber(), outcome.reason())
                        .thenCompose(v -> forget(key));
            }
            case REFUSED -> {
                counters.conflicts.incrementAndGet();
                return conflicts.refused(thing, entry, outcome.reason()).thenCompose(v -> next());
            }
            case THROTTLED, RETRY -> {
                (outcome.kind() == ReplayOutcome.Kind.THROTTLED ? counters.throttled : counters.failures)
                        .incrementAndGet();
                pause(outcome.reason());
                return next();
            }
            default -> {
                return CompletableFuture.completedFuture(false); // LINK_DOWN
            }
        }
    }

    /** The cloud is at {@code version} for the entry's execution: the entry leaves once fully applied. */
    private CompletableFuture<Boolean> confirmed(OutboxEntry entry, long version, long target,
            JobExecutionState cloud) {
        String key = key(entry);
        cloudVersions.put(key, version);
        if (version < target) {
            return next(); // a merged entry: more increments to send
        }
        counters.confirmed.incrementAndGet();
        boolean awaited = timedOutLocally(entry.request());
        if (awaited) {
            // before the removal commits: the thing must not be proxied between clean and held
            parts.awaited().await(thing, entry.request().jobId(), entry.request().executionNumber());
        }
        applied.add(new CacheRefresher.Target(entry.request().jobId(), entry.request().executionNumber(), false));
        // an awaited execution always gets its CloudState (an accepted answer without a state: the status sent, at
        // the version reached): it is how a restarted gateway finds it awaited (StoredAwaitedTimeouts)
        JobExecutionStatus status = cloud != null ? cloud.status() : awaited ? entry.request().status() : null;
        List<StoreChange> changes = status == null
                ? List.of(new StoreChange.RemoveOutbox(entry.sequence()))
                : List.of(new StoreChange.RemoveOutbox(entry.sequence()), new StoreChange.PutCloudState(
                        new CloudState(thing, entry.request().jobId(), entry.request().executionNumber(),
                                status, version, parts.clock().instant())));
        return lanes.submit(thing, () -> parts.store().commit(changes).toCompletableFuture()).thenCompose(v -> next());
    }

    /** An IN_PROGRESS entry of an execution the gateway's own timer has ended since (the cloud's runs later). */
    private boolean timedOutLocally(UpdateJobExecutionRequest entry) {
        return entry.status() == JobExecutionStatus.IN_PROGRESS && entry.executionNumber() != null
                && parts.store().execution(thing, entry.jobId(), entry.executionNumber())
                        .map(r -> r.status() == JobExecutionStatus.TIMED_OUT).orElse(false);
    }

    /** Whether a rejection shows the cloud part-way through (or at the end of) this entry's own increments. */
    private boolean withinEntry(OutboxEntry entry, UpdateJobExecutionRequest sent, JobExecutionState cloud,
            long target) {
        long first = target - entry.increments();
        return cloud.status() == sent.status() && cloud.versionNumber() > first && cloud.versionNumber() <= target
                && (sent.statusDetails() == null || sent.statusDetails().equals(cloud.statusDetails()));
    }

    private CompletableFuture<Boolean> forget(String key) {
        cloudVersions.remove(key);
        shifts.remove(key);
        return next();
    }

    private void pause(String why) {
        counters.pauses.incrementAndGet();
        Duration pause = pacer.backOff();
        LOG.info("thing {}: outbox replay paused {} ms: {}", thing, pause.toMillis(), why);
    }

    private static String key(OutboxEntry entry) {
        return entry.request().jobId() + "#" + entry.request().executionNumber();
    }
}
