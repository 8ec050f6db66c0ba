package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionSummary;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.PendingJobs;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings cached executions up to date by asking AWS IoT on the gateway's own account: DescribeJobExecution for
 * single executions, GetPendingJobExecutions plus the Describes it calls for to sync a whole thing. Used by the
 * prefetch, after notifications, after GetPending answers that disagree with the cache, and to re-check an
 * execution whose update timed out.
 *
 * <p>A Describe answered ResourceNotFound removes the execution from the cache; a thing's Describes run one after
 * the other. Failures are logged and end the refresh; the next prefetch tries again.
 */
final class CacheRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(CacheRefresher.class);

    /** Which execution to describe; a null executionNumber means the latest execution of the job. */
    record Target(String jobId, Long executionNumber, boolean withDocument) {
    }

    private final UpstreamAccess upstream;
    private final CacheWriter cache;
    private final JobStore store;
    private final EngineTokens tokens;
    private final Executor executor;
    private final Clock clock;
    private final DocumentFreshness freshness;
    private volatile Duration bound;

    CacheRefresher(UpstreamAccess upstream, CacheWriter cache, JobStore store, EngineTokens tokens, Executor executor,
            Clock clock, Duration bound, DocumentFreshness freshness) {
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bound = Objects.requireNonNull(bound, "bound");
    }

    void setBound(Duration newBound) {
        bound = Objects.requireNonNull(newBound, "newBound");
    }

    /** The whole thing: its pending list, then a Describe of every execution the cache lacks or holds stale. */
    CompletableFuture<Void> syncThing(String thing) {
        return onWorker(() -> upstream.call(u -> u.getPendingJobExecutions(
                new GetPendingJobExecutionsRequest(thing, tokens.next())), bound))
                .thenCompose(listed -> reconcile(thing, listed, true))
                .thenCompose(done -> cache.addThing(thing, clock.instant()))
                .whenComplete((done, error) -> {
                    if (error == null) {
                        LOG.debug("thing {}: cache synced with AWS IoT", thing);
                    } else {
                        logFailure(thing, "sync", error);
                    }
                });
    }

    /**
     * Compares a pending list from the cloud (a GetPending answer or a notify message) with the cache and
     * describes the executions that differ: listed ones the cache lacks or holds at another version and, when the
     * list is complete (under the 10-entry cap), cached pending ones the cloud no longer lists.
     *
     * @param fetchDocuments also describe listed executions whose job document is not cached (prefetch)
     */
    CompletableFuture<Void> reconcile(String thing, GetPendingJobExecutionsResponse listed, boolean fetchDocuments) {
        List<JobExecutionSummary> all = new ArrayList<>(listed.inProgressJobs());
        all.addAll(listed.queuedJobs());
        return reconcile(thing, all, all.size() < PendingJobs.MAX_LISTED_EXECUTIONS, fetchDocuments);
    }

    /** @see #reconcile(String, GetPendingJobExecutionsResponse, boolean) */
    CompletableFuture<Void> reconcile(String thing, List<JobExecutionSummary> listed, boolean complete,
            boolean fetchDocuments) {
        return onWorker(() -> describeAll(thing, staleTargets(thing, listed, complete, fetchDocuments)));
    }

    /** Describes the given executions of a thing, one after the other. */
    CompletableFuture<Void> describeAll(String thing, List<Target> targets) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Target t : targets) {
            chain = chain.thenCompose(v -> describe(thing, t));
        }
        return chain;
    }

    /** Describes one execution upstream and caches the answer; ResourceNotFound removes it from the cache. */
    CompletableFuture<Void> describe(String thing, Target target) {
        DescribeJobExecutionRequest request = new DescribeJobExecutionRequest(thing, target.jobId(),
                target.executionNumber(), target.withDocument(), tokens.next());
        return onWorker(() -> upstream.call(u -> u.describeJobExecution(request), bound))
                .handle((answer, error) -> {
                    if (error == null) {
                        return answer.execution() == null ? CompletableFuture.<Void>completedFuture(null)
                                : cache.putExecution(answer.execution(), timestampOf(answer.timestamp()));
                    }
                    Throwable cause = Failures.unwrap(error);
                    if (cause instanceof JobsException e && e.code() == ErrorCode.ResourceNotFound) {
                        LOG.info("thing {} job {}: AWS IoT has no such execution any more; removed from the cache",
                                thing, target.jobId());
                        return cache.forget(thing, target.jobId(), target.executionNumber());
                    }
                    if (cause instanceof JobsException e) {
                        LOG.info("thing {} job {}: refresh refused by AWS IoT: {} {}", thing, target.jobId(),
                                e.code(), e.getMessage());
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return CompletableFuture.<Void>failedFuture(cause);
                })
                .thenCompose(stage -> stage);
    }

    /**
     * Before a document is handed out from the cache while AWS IoT is reachable: describes the execution with its
     * document when the cached document's presigned URLs expire within the margin, or it holds a placeholder. A
     * failure is logged and leaves the cached document in place (it is then served as it is, and flagged).
     *
     * @param jobId the job, or {@code $next} for the thing's next pending execution
     */
    CompletableFuture<Void> refreshDocumentIfDue(String thing, String jobId) {
        String job = DescribeJobExecutionRequest.NEXT.equals(jobId)
                ? store.pendingExecutions(thing).stream().findFirst().map(ExecutionRecord::jobId).orElse(null)
                : jobId;
        if (job == null || !store.document(job).map(d -> freshness.refreshDue(d.document())).orElse(false)) {
            return CompletableFuture.completedFuture(null);
        }
        LOG.info("thing {} job {}: the cached job document's presigned URLs expire; fetching it again", thing, job);
        return describe(thing, new Target(job, null, true)).exceptionally(error -> {
            logFailure(thing, "refresh of the job document of " + job, error);
            return null;
        });
    }

    private List<Target> staleTargets(String thing, List<JobExecutionSummary> listed, boolean complete,
            boolean fetchDocuments) {
        Set<Target> targets = new LinkedHashSet<>();
        Set<String> listedKeys = new LinkedHashSet<>();
        for (JobExecutionSummary s : listed) {
            listedKeys.add(s.jobId() + "#" + s.executionNumber());
            ExecutionRecord cached = store.execution(thing, s.jobId(), s.executionNumber()).orElse(null);
            Optional<JobDocumentRecord> document = store.document(s.jobId());
            boolean documentMissing = document.isEmpty();
            boolean documentStale = document.map(d -> freshness.refreshDue(d.document())).orElse(false);
            if (!CloudRecords.matches(s, cached) || (fetchDocuments && (documentMissing || documentStale))) {
                targets.add(new Target(s.jobId(), s.executionNumber(), documentMissing || documentStale));
            }
        }
        if (complete) {
            for (ExecutionRecord r : store.pendingExecutions(thing)) {
                if (!listedKeys.contains(r.jobId() + "#" + r.executionNumber())) {
                    targets.add(new Target(r.jobId(), r.executionNumber(), false));
                }
            }
        }
        return List.copyOf(targets);
    }

    private <T> CompletableFuture<T> onWorker(Supplier<CompletableFuture<T>> work) {
        return CompletableFuture.supplyAsync(work, executor).thenCompose(stage -> stage);
    }

    private Instant timestampOf(Instant answered) {
        return answered == null ? clock.instant() : answered;
    }

    static void logFailure(String thing, String what, Throwable error) {
        Throwable cause = Failures.unwrap(error);
        if (Failures.isTransient(cause)) {
            LOG.info("thing {}: {} postponed: {}", thing, what, cause.getMessage());
        } else {
            LOG.warn("thing {}: {} failed", thing, what, cause);
        }
    }
}
