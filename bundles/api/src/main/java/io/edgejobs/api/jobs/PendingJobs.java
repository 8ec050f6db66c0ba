package io.edgejobs.api.jobs;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules over a thing's pending (QUEUED and IN_PROGRESS) executions: their order, the GetPendingJobExecutions
 * lists, the notify and notify-next messages, and when those are published (jobs-comm-notifications.md).
 *
 * <p>When to publish follows the worked example of jobs-comm-notifications.md (job1, job2, job3), which is more
 * precise than the short criteria above it: {@code notify} is published when an execution joins or leaves the
 * pending list (so not when a pending execution moves QUEUED → IN_PROGRESS: "No notification is published to the
 * jobs/notify topic because no job has been added or removed"); {@code notify-next} is published when the first
 * execution of the list is a different one (or the list became empty), never when only the first one's own
 * details change. Executions are identified by (jobId, executionNumber), so a retry is a new execution.
 */
public final class PendingJobs {

    /**
     * The most executions a ListNotification (and a GetPendingJobExecutions answer) lists: 10 in the 2023
     * developer guide ("a list of no more than 10 pending job executions"); the current job-limits page says 10
     * without and 15 with a scheduling configuration. Edgejobs has no scheduling configuration, so 10.
     */
    public static final int MAX_LISTED_EXECUTIONS = 10;

    /**
     * IN_PROGRESS before QUEUED, then by queuedAt ("sorted by status ... and then by the times when they were
     * queued"); executionNumber and jobId only make ties deterministic.
     */
    public static final Comparator<ExecutionRecord> QUEUE_ORDER = Comparator
            .comparingInt((ExecutionRecord r) -> r.status() == JobExecutionStatus.IN_PROGRESS ? 0 : 1)
            .thenComparing(ExecutionRecord::queuedAt)
            .thenComparingLong(ExecutionRecord::executionNumber)
            .thenComparing(ExecutionRecord::jobId);

    private PendingJobs() {
    }

    /** The pending executions among {@code executions}, in queue order. */
    public static List<ExecutionRecord> pending(Collection<ExecutionRecord> executions) {
        Objects.requireNonNull(executions, "executions");
        return executions.stream().filter(r -> r.status().isPending()).sorted(QUEUE_ORDER).toList();
    }

    /** The thing's next pending execution (what StartNext starts and {@code $next} describes). */
    public static Optional<ExecutionRecord> next(Collection<ExecutionRecord> executions) {
        List<ExecutionRecord> pending = pending(executions);
        return pending.isEmpty() ? Optional.empty() : Optional.of(pending.get(0));
    }

    /** The GetPendingJobExecutions answer, at most {@link #MAX_LISTED_EXECUTIONS} executions in all. */
    public static GetPendingJobExecutionsResponse getPending(Collection<ExecutionRecord> executions, Instant now,
            String clientToken) {
        return getPending(executions, MAX_LISTED_EXECUTIONS, now, clientToken);
    }

    /** The GetPendingJobExecutions answer, at most {@code limit} executions in all (IN_PROGRESS first). */
    public static GetPendingJobExecutionsResponse getPending(Collection<ExecutionRecord> executions, int limit,
            Instant now, String clientToken) {
        Objects.requireNonNull(now, "now");
        List<JobExecutionSummary> inProgress = new ArrayList<>();
        List<JobExecutionSummary> queued = new ArrayList<>();
        split(executions, limit, inProgress, queued);
        return new GetPendingJobExecutionsResponse(inProgress, queued, now, clientToken);
    }

    /** The ListNotification for {@code jobs/notify}, at most {@link #MAX_LISTED_EXECUTIONS} entries in all. */
    public static JobExecutionsChangedEvent listNotification(Collection<ExecutionRecord> executions, Instant now) {
        return listNotification(executions, MAX_LISTED_EXECUTIONS, now);
    }

    /**
     * The ListNotification: IN_PROGRESS then QUEUED, each group only when non-empty (the worked example's
     * {@code "jobs": {"IN_PROGRESS": [...]}}), an empty map when nothing is pending ({@code "jobs": {}}).
     */
    public static JobExecutionsChangedEvent listNotification(Collection<ExecutionRecord> executions, int limit,
            Instant now) {
        Objects.requireNonNull(now, "now");
        List<JobExecutionSummary> inProgress = new ArrayList<>();
        List<JobExecutionSummary> queued = new ArrayList<>();
        split(executions, limit, inProgress, queued);
        Map<JobExecutionStatus, List<JobExecutionSummary>> jobs = new LinkedHashMap<>();
        if (!inProgress.isEmpty()) {
            jobs.put(JobExecutionStatus.IN_PROGRESS, inProgress);
        }
        if (!queued.isEmpty()) {
            jobs.put(JobExecutionStatus.QUEUED, queued);
        }
        return new JobExecutionsChangedEvent(jobs, now);
    }

    /**
     * The NextNotification for {@code jobs/notify-next}: the first pending execution with its job document, or no
     * execution when the queue is empty (the worked example's {@code {"timestamp": ...}}).
     *
     * @param documents the job document JSON text by jobId (may return null)
     */
    public static NextJobExecutionChangedEvent nextNotification(Collection<ExecutionRecord> executions,
            Function<String, String> documents, Instant now) {
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(now, "now");
        JobExecution execution = next(executions)
                .map(r -> ExecutionViews.toJobExecution(r, documents.apply(r.jobId()), now))
                .orElse(null);
        return new NextJobExecutionChangedEvent(execution, now);
    }

    /**
     * Which notifications a change calls for, given the thing's executions before and after it (any statuses, any
     * order; only the pending ones count).
     */
    public static NotificationDecision decide(Collection<ExecutionRecord> before, Collection<ExecutionRecord> after) {
        List<ExecutionKey> was = keys(pending(before));
        List<ExecutionKey> is = keys(pending(after));
        boolean publishNotify = !new LinkedHashSet<>(was).equals(new LinkedHashSet<>(is));
        ExecutionKey firstWas = was.isEmpty() ? null : was.get(0);
        ExecutionKey firstIs = is.isEmpty() ? null : is.get(0);
        boolean publishNotifyNext = !Objects.equals(firstWas, firstIs);
        return new NotificationDecision(publishNotify, publishNotifyNext);
    }

    /** The messages to publish for a change, built from the executions after it. */
    public static PendingNotifications notifications(Collection<ExecutionRecord> before,
            Collection<ExecutionRecord> after, Function<String, String> documents, Instant now) {
        NotificationDecision decision = decide(before, after);
        return new PendingNotifications(
                decision.publishNotify() ? listNotification(after, now) : null,
                decision.publishNotifyNext() ? nextNotification(after, documents, now) : null);
    }

    private static void split(Collection<ExecutionRecord> executions, int limit, List<JobExecutionSummary> inProgress,
            List<JobExecutionSummary> queued) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        for (ExecutionRecord r : pending(executions).stream().limit(limit).toList()) {
            (r.status() == JobExecutionStatus.IN_PROGRESS ? inProgress : queued).add(ExecutionViews.toSummary(r));
        }
    }

    private static List<ExecutionKey> keys(List<ExecutionRecord> records) {
        return records.stream().map(r -> new ExecutionKey(r.jobId(), r.executionNumber())).toList();
    }

    private record ExecutionKey(String jobId, long executionNumber) {
    }
}
