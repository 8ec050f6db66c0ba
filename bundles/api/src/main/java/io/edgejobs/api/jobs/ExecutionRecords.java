package io.edgejobs.api.jobs;

import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Map;

/** Builds the next version of an execution record: every accepted change bumps versionNumber and lastUpdatedAt. */
final class ExecutionRecords {
    private ExecutionRecords() {
    }

    static ExecutionRecord next(ExecutionRecord r, JobExecutionStatus status, Map<String, String> details,
            Instant startedAt, ExecutionTimers timers, Instant now) {
        return new ExecutionRecord(r.thingName(), r.jobId(), r.executionNumber(), status, details, r.queuedAt(),
                startedAt, now, r.versionNumber() + 1, timers);
    }

    /** startedAt is set the first time the execution goes IN_PROGRESS and never changes afterwards. */
    static Instant startedAt(ExecutionRecord r, JobExecutionStatus status, Instant now) {
        if (r.startedAt() != null) {
            return r.startedAt();
        }
        return status == JobExecutionStatus.IN_PROGRESS ? now : null;
    }

    /** The timers after a status change: IN_PROGRESS starts the job timer and applies the step timeout. */
    static ExecutionTimers timers(ExecutionRecord r, JobExecutionStatus status, Long stepTimeoutInMinutes,
            Instant now) {
        if (status.isTerminal()) {
            return Timeouts.stopped(r.timers());
        }
        ExecutionTimers t = r.timers();
        if (status == JobExecutionStatus.IN_PROGRESS) {
            t = Timeouts.startInProgressTimer(t, now);
            t = Timeouts.applyStepTimeout(t, stepTimeoutInMinutes, now);
        }
        return t;
    }
}
