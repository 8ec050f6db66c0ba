package io.edgejobs.engine.internal;

import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a thing's outbox to AWS IoT, oldest entry first, one update at a time (so the updates of an execution
 * reach the cloud in the order the device made them), paced by the {@link ReplayPacer}. Each entry is sent as
 * UpdateJobExecution pinned to its executionNumber, with {@code expectedVersion} = the cloud's version it was made
 * on and {@code includeJobExecutionState}; what the answer means is {@link ReplayOutcome}'s call, what is done
 * about it {@link ThingReplay}'s.
 *
 * <p>An entry leaves the outbox only once the cloud holds it (accepted, or found applied after a lost answer) or a
 * conflict was recorded for it; a send is counted in the entry before it goes out. The replay keeps going through
 * throttling and failures (common backoff) and stops only when the link is down. When the thing's outbox is empty
 * the thing is clean again, decided on its cache lane so that a local write cannot slip in between.
 */
final class OutboxReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxReplayer.class);

    /** How a thing's replay ended, and the executions whose updates the cloud now holds. */
    record Replayed(boolean complete, Set<CacheRefresher.Target> applied) {
    }

    /** What a replay works with. */
    record Parts(JobStore store, ThingLanes lanes, UpstreamAccess upstream, ReplayPacer pacer,
            ConflictRecorder conflicts, DirtyThings dirty, EngineTokens tokens, Clock clock, Supplier<Duration> bound,
            ReplayCounters counters, AwaitedTimeouts awaited) {
        Parts {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(lanes, "lanes");
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(pacer, "pacer");
            Objects.requireNonNull(conflicts, "conflicts");
            Objects.requireNonNull(dirty, "dirty");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(bound, "bound");
            Objects.requireNonNull(counters, "counters");
            Objects.requireNonNull(awaited, "awaited");
        }
    }

    private final Parts parts;

    OutboxReplayer(JobStore store, ThingLanes lanes, UpstreamAccess upstream, ReplayPacer pacer,
            ConflictRecorder conflicts, DirtyThings dirty, EngineTokens tokens, Clock clock, Supplier<Duration> bound,
            AwaitedTimeouts awaited) {
        this.parts = new Parts(store, lanes, upstream, pacer, conflicts, dirty, tokens, clock, bound,
                new ReplayCounters(), awaited);
    }

    ReplayStatistics statistics() {
        return parts.counters().snapshot();
    }

    /** Replays the thing's whole outbox; completes when it is empty, or when the link went down. */
    CompletableFuture<Replayed> replay(String thing) {
        ThingReplay run = new ThingReplay(thing, parts);
        Instant started = parts.clock().instant();
        return run.next().whenComplete((complete, error) -> {
            if (run.sent() > 0 || error != null) {
                ReplayStatus.Outcome outcome = error != null ? ReplayStatus.Outcome.FAILED
                        : complete ? ReplayStatus.Outcome.COMPLETE : ReplayStatus.Outcome.LINK_DOWN;
                parts.counters().last.set(new ReplayStatus.LastReplay(thing, started, parts.clock().instant(),
                        outcome, run.sent(), run.applied().size()));
            }
        }).thenApply(complete -> {
            if (run.sent() > 0) {
                LOG.info("thing {}: outbox replay {} ({} updates sent, {} executions confirmed by AWS IoT)", thing,
                        complete ? "done" : "stopped, the link is down", run.sent(), run.applied().size());
            }
            return new Replayed(complete, Set.copyOf(run.applied()));
        });
    }

    /** The counters and the last replay, as the exported status type. */
    ReplayStatus status() {
        return parts.counters().status();
    }
}
