package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionSummary;
import io.edgejobs.api.jobs.PendingJobs;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import java.util.ArrayList;
import java.util.List;

/** What the cloud's notifications say about the cache. */
final class NotificationCheck {

    private NotificationCheck() {
    }

    /** Every execution a notify message lists, IN_PROGRESS first. */
    static List<JobExecutionSummary> listed(JobExecutionsChangedEvent event) {
        List<JobExecutionSummary> all = new ArrayList<>();
        event.jobs().values().forEach(all::addAll);
        return all;
    }

    /** Whether a notify message lists every pending execution (it is capped at 10 entries). */
    static boolean isComplete(JobExecutionsChangedEvent event) {
        return listed(event).size() < PendingJobs.MAX_LISTED_EXECUTIONS;
    }

    /**
     * The executions to describe after a notify-next: the announced one unless the cache now holds it, and every
     * cached pending execution that would come before it (or all of them when nothing is pending any more): the
     * cloud's first pending execution is the announced one, so those have ended or gone.
     */
    static List<CacheRefresher.Target> staleAfterNext(JobStore store, String thing, JobExecution next,
            boolean nextIsCached) {
        List<CacheRefresher.Target> targets = new ArrayList<>();
        if (next != null && !nextIsCached) {
            targets.add(new CacheRefresher.Target(next.jobId(), next.executionNumber(), next.jobDocument() == null));
        }
        for (ExecutionRecord cached : store.pendingExecutions(thing)) {
            if (next != null && cached.jobId().equals(next.jobId())
                    && cached.executionNumber() == next.executionNumber()) {
                break;
            }
            if (next != null && PendingJobs.QUEUE_ORDER.compare(cached, nextAsRecordOrder(cached, next)) > 0) {
                break;
            }
            targets.add(new CacheRefresher.Target(cached.jobId(), cached.executionNumber(), false));
        }
        return targets;
    }

    /** The announced execution placed in the queue order, using the cached record only for missing fields. */
    private static ExecutionRecord nextAsRecordOrder(ExecutionRecord cached, JobExecution next) {
        return new ExecutionRecord(next.thingName(), next.jobId(), next.executionNumber(), next.status(), null,
                next.queuedAt() == null ? cached.queuedAt() : next.queuedAt(), next.startedAt(),
                next.lastUpdatedAt() == null ? cached.lastUpdatedAt() : next.lastUpdatedAt(), next.versionNumber(),
                null);
    }
}
