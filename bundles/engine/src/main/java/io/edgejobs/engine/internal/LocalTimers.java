package io.edgejobs.engine.internal;

import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step and in-progress timers enforced by the gateway while it answers for the cloud: every sweep, each thing
 * served locally (the cloud unreachable, or the thing dirty or awaiting a timeout) has its IN_PROGRESS executions
 * whose deadline passed moved to TIMED_OUT (lastUpdatedAt = the deadline, as the cloud records it), and its devices get notify /
 * notify-next. No outbox entry is written: a timeout is the cloud's decision, and the cloud takes it at the same
 * instant. While connected, a clean thing is left to the cloud, whose notifications update the cache.
 *
 * <p>Device requests do not wait for the sweep: a local write fires the due timers of the thing first
 * ({@link ThingSnapshot}).
 */
final class LocalTimers {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTimers.class);

    private final JobStore store;
    private final ThingLanes lanes;
    private final LocalCommits commits;
    private final Predicate<String> answeredLocally;
    private final BooleanSupplier connected;
    private final Clock clock;

    LocalTimers(JobStore store, ThingLanes lanes, LocalCommits commits,
            Predicate<String> answeredLocally, BooleanSupplier connected,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.commits = Objects.requireNonNull(commits, "commits");
        this.answeredLocally = Objects.requireNonNull(answeredLocally, "answeredLocally");
        this.connected = Objects.requireNonNull(connected, "connected");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One sweep over the things served locally; completes when their timeouts are committed and notified. */
    CompletableFuture<Void> sweep() {
        boolean online = connected.getAsBoolean();
        CompletableFuture<?>[] things = store.knownThings().stream()
                .filter(thing -> !online || answeredLocally.test(thing))
                .map(this::sweep)
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(things);
    }

    private CompletableFuture<Void> sweep(String thing) {
        return lanes.submit(thing, () -> {
            Instant now = clock.instant();
            List<ExecutionRecord> pending = store.pendingExecutions(thing);
            if (pending.stream().noneMatch(r -> r.timers().inProgressDeadline() != null
                    || r.timers().stepDeadline() != null)) {
                return CompletableFuture.completedFuture(null);
            }
            ThingSnapshot snapshot = ThingSnapshot.of(store.executions(thing), now);
            snapshot.timedOut().forEach(r -> LOG.info("thing {} job {}: execution {} timed out locally at {} (the "
                    + "cloud does the same at the same instant)", thing, r.jobId(), r.executionNumber(),
                    r.lastUpdatedAt()));
            return commits.commit(thing, snapshot.before(), snapshot.current(), snapshot.changes(), now);
        }).exceptionally(error -> {
            LOG.warn("thing {}: local timer sweep failed; retried at the next sweep", thing, Failures.unwrap(error));
            return null;
        });
    }
}
