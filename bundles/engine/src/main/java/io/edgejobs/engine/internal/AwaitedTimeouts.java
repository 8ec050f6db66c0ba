package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executions the gateway timed out locally after their offline start, whose start the replay has since brought to
 * AWS IoT (IN_PROGRESS there, one version behind the local TIMED_OUT), while the cloud has not confirmed the timeout
 * yet (docs/reconciliation.md, "Timers of an execution started offline"). Their things are answered locally, like
 * dirty things, so that no device sees the execution IN_PROGRESS again and a proxied StartNext cannot hand it out.
 *
 * <p>The timeout is confirmed by a {@link CloudState} of TIMED_OUT, whoever recorded it (a describe by the sync or
 * the prefetch; the describe this class sends when the cloud's notification for the thing comes, which is held back
 * meanwhile). The bound: once the replayed step timer has passed ({@link #recheckAfter}), the execution is
 * described again; a cloud that ended it otherwise wins as any terminal conflict does, and a cloud that still shows
 * it running has the disagreement audited; either way the thing is proxied again. A failed describe is retried.
 * Kept in memory, and derived from the store again at start ({@link StoredAwaitedTimeouts}), each with the bound
 * counted from the start.
 */
final class AwaitedTimeouts {

    private static final Logger LOG = LoggerFactory.getLogger(AwaitedTimeouts.class);
    /** The replayed step timer, plus the link's delay and the cloud's timer resolution. */
    static final Duration RECHECK_AFTER = Duration.ofMinutes(ThingReplay.SHORTEST_STEP_TIMEOUT_MINUTES)
            .plusSeconds(15);
    /** How soon a failed describe of the bound is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** One awaited execution; {@code recheckAt} moves with each confirmed replay of it and each failed describe. */
    private static final class Awaited {
        final String jobId;
        final long executionNumber;
        volatile Instant recheckAt;
        final AtomicBoolean describing = new AtomicBoolean();

        Awaited(String jobId, long executionNumber, Instant recheckAt) {
            this.jobId = jobId;
            this.executionNumber = executionNumber;
            this.recheckAt = recheckAt;
        }
    }

    /** What the class works with. */
    record Parts(JobStore store, UpstreamAccess upstream, CacheWriter cache, ConflictRecorder conflicts,
            EngineTokens tokens, Executor workers, Clock clock, Supplier<Duration> bound) {
        Parts {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(conflicts, "conflicts");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(workers, "workers");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(bound, "bound");
        }
    }

    private final Map<String, Map<String, Awaited>> things = new ConcurrentHashMap<>();
    private final Parts parts;
    private volatile Consumer<String> released = thing -> { };

    AwaitedTimeouts(Parts parts) {
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    /** Called with each thing proxied again (its devices may need to hear what the cloud said meanwhile). */
    void onRelease(Consumer<String> listener) {
        this.released = Objects.requireNonNull(listener, "listener");
    }

    /** The replay brought an update of this locally timed-out execution to the cloud: its step timer restarted. */
    void await(String thing, String jobId, long executionNumber) {
        Instant recheckAt = add(thing, jobId, executionNumber);
        LOG.info("thing {} job {}: execution {} timed out locally; the thing is answered locally until AWS IoT "
                + "times it out too (described again at {} at the latest)", thing, jobId, executionNumber, recheckAt);
    }

    /**
     * An execution awaited when the gateway stopped ({@link StoredAwaitedTimeouts}): the bound is counted from now,
     * as after a replay (when the replay confirmed it is not stored).
     */
    void awaitAfterRestart(String thing, String jobId, long executionNumber) {
        Instant recheckAt = add(thing, jobId, executionNumber);
        LOG.info("thing {} job {}: execution {} timed out locally before the restart and AWS IoT has not confirmed "
                + "it yet; the thing is answered locally meanwhile (described again at {} at the latest)", thing,
                jobId, executionNumber, recheckAt);
    }

    private Instant add(String thing, String jobId, long executionNumber) {
        Instant recheckAt = parts.clock().instant().plus(RECHECK_AFTER);
        // compute on the outer map: a concurrent release cannot drop an execution added meanwhile
        things.compute(thing, (t, awaited) -> {
            Map<String, Awaited> executions = awaited == null ? new ConcurrentHashMap<>() : awaited;
            executions.compute(key(jobId, executionNumber), (k, known) -> {
                if (known == null) {
                    return new Awaited(jobId, executionNumber, recheckAt);
                }
                known.recheckAt = recheckAt;
                return known;
            });
            return executions;
        });
        return recheckAt;
    }

    /** Whether the thing is answered locally because a local timeout is not confirmed by the cloud yet. */
    boolean holds(String thing) {
        if (!things.containsKey(thing)) {
            return false;
        }
        boolean[] releasedNow = {false};
        Map<String, Awaited> left = things.computeIfPresent(thing, (t, awaited) -> {
            awaited.values().removeIf(a -> {
                if (confirmed(thing, a)) {
                    LOG.info("thing {} job {}: AWS IoT confirmed the timeout of execution {}", thing, a.jobId,
                            a.executionNumber);
                    return true;
                }
                return false;
            });
            releasedNow[0] = awaited.isEmpty();
            return awaited.isEmpty() ? null : awaited;
        });
        if (releasedNow[0]) {
            releasedAll(thing);
        }
        return left != null;
    }

    /**
     * A cloud notification for the thing came: held back while the thing is held (it can show the execution
     * IN_PROGRESS); the awaited executions are described instead, which is how the cloud's timeout is learned.
     */
    boolean holdsBack(String thing) {
        if (!holds(thing)) {
            return false;
        }
        things.getOrDefault(thing, Map.of()).values().forEach(a -> describe(thing, a, false));
        return true;
    }

    /** Describes again the awaited executions whose bound passed (every timer sweep). */
    CompletableFuture<Void> sweep() {
        if (things.isEmpty() || !parts.upstream().isConnected()) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = parts.clock().instant();
        return CompletableFuture.allOf(things.entrySet().stream()
                .flatMap(e -> e.getValue().values().stream()
                        .filter(a -> !a.recheckAt.isAfter(now))
                        .map(a -> describe(e.getKey(), a, true)))
                .toArray(CompletableFuture[]::new));
    }

    /** Things held now (tests, diagnostics). */
    Set<String> held() {
        return Set.copyOf(things.keySet());
    }

    private boolean confirmed(String thing, Awaited a) {
        ExecutionRecord local = parts.store().execution(thing, a.jobId, a.executionNumber).orElse(null);
        if (local == null || local.status() != JobExecutionStatus.TIMED_OUT) {
            return true; // resolved otherwise (deleted, or a conflict the cloud won)
        }
        return parts.store().cloudState(thing, a.jobId, a.executionNumber)
                .map(c -> c.status() == JobExecutionStatus.TIMED_OUT).orElse(false);
    }

    private CompletableFuture<Void> describe(String thing, Awaited a, boolean boundPassed) {
        if (!a.describing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        if (!things.getOrDefault(thing, Map.of()).containsValue(a)) {
            // resolved by a describe that ended after this one's caller looked: its verdict is not given twice
            a.describing.set(false);
            return CompletableFuture.completedFuture(null);
        }
        DescribeJobExecutionRequest request = new DescribeJobExecutionRequest(thing, a.jobId, a.executionNumber,
                false, parts.tokens().next());
        return CompletableFuture.supplyAsync(() -> parts.upstream().call(u -> u.describeJobExecution(request),
                        parts.bound().get()), parts.workers())
                .thenCompose(answer -> answer)
                .handle((answer, error) -> {
                    if (error != null) {
                        return failed(thing, a, error, boundPassed);
                    }
                    JobExecution cloud = answer.execution();
                    if (cloud == null) {
                        return resolved(thing, a, parts.conflicts().deleted(thing, a.jobId, a.executionNumber,
                                "no execution in the describe answer"));
                    }
                    Instant at = answer.timestamp() == null ? parts.clock().instant() : answer.timestamp();
                    if (cloud.status() == JobExecutionStatus.TIMED_OUT) {
                        return resolved(thing, a, parts.cache().putExecution(cloud, at));
                    }
                    if (cloud.status().isTerminal()) {
                        return resolved(thing, a, parts.conflicts().cloudWins(thing, a.jobId, a.executionNumber,
                                cloud.state(), "AWS IoT ended the execution the gateway had timed out locally"));
                    }
                    if (boundPassed) {
                        return resolved(thing, a, parts.conflicts().timeoutNotTaken(thing, a.jobId,
                                a.executionNumber, cloud.state(), RECHECK_AFTER));
                    }
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(stage -> stage)
                .whenComplete((v, e) -> {
                    a.describing.set(false);
                    if (e != null) {
                        LOG.warn("thing {} job {}: confirming the local timeout of execution {} failed", thing,
                                a.jobId, a.executionNumber, e);
                    }
                });
    }

    private CompletableFuture<Void> failed(String thing, Awaited a, Throwable error, boolean boundPassed) {
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof JobsException e && e.code() == ErrorCode.ResourceNotFound) {
            return resolved(thing, a, parts.conflicts().deleted(thing, a.jobId, a.executionNumber, e.getMessage()));
        }
        if (boundPassed) {
            a.recheckAt = parts.clock().instant().plus(RETRY_AFTER);
        }
        LOG.info("thing {} job {}: describing execution {} to confirm its local timeout failed ({}); tried again",
                thing, a.jobId, a.executionNumber, cause.toString());
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> resolved(String thing, Awaited a, CompletableFuture<Void> resolution) {
        return resolution.thenRun(() -> {
            boolean[] releasedNow = {false};
            things.computeIfPresent(thing, (t, awaited) -> {
                releasedNow[0] = awaited.remove(key(a.jobId, a.executionNumber), a) && awaited.isEmpty();
                return awaited.isEmpty() ? null : awaited;
            });
            if (releasedNow[0]) {
                releasedAll(thing);
            }
        });
    }

    private void releasedAll(String thing) {
        LOG.info("thing {}: no local timeout awaits the cloud's any more; its requests go to AWS IoT again", thing);
        released.accept(thing);
    }

    private static String key(String jobId, long executionNumber) {
        return jobId + "#" + executionNumber;
    }
}
