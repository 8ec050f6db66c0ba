package io.edgejobs.api.jobs;

import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** New QUEUED executions: the first one of a job on a thing, and the retries a job's retry configuration makes. */
public final class QueuedExecutions {

    /**
     * The versionNumber of a newly queued execution. The worked example of jobs-comm-notifications.md shows
     * {@code "versionNumber": 1} for every new execution (and 2 after it went IN_PROGRESS); the short example
     * above it shows 0. The worked example wins.
     */
    public static final long INITIAL_VERSION_NUMBER = 1L;

    private QueuedExecutions() {
    }

    /**
     * A newly queued execution.
     *
     * @param thingName the thing
     * @param jobId the job
     * @param executionNumber its number (1 for the first execution of the job on the thing)
     * @param inProgressTimeoutInMinutes the job's in-progress timeout, or null when it has none
     * @param now when it is queued
     */
    public static ExecutionRecord queue(String thingName, String jobId, long executionNumber,
            Long inProgressTimeoutInMinutes, Instant now) {
        Objects.requireNonNull(now, "now");
        if (executionNumber < 1) {
            throw new IllegalArgumentException("executionNumber must be positive: " + executionNumber);
        }
        ExecutionTimers timers = inProgressTimeoutInMinutes == null
                ? ExecutionTimers.NONE
                : new ExecutionTimers(inProgressTimeoutInMinutes, null, null);
        return new ExecutionRecord(thingName, jobId, executionNumber, JobExecutionStatus.QUEUED, Map.of(), now, null,
                now, INITIAL_VERSION_NUMBER, timers);
    }

    /**
     * The retry of a FAILED or TIMED_OUT execution: not a transition (the old execution stays terminal) but a new
     * QUEUED execution with executionNumber + 1, the same job timeout setting and fresh details.
     *
     * @throws IllegalArgumentException when the execution is not retryable
     */
    public static ExecutionRecord retryOf(ExecutionRecord ended, Instant now) {
        Objects.requireNonNull(ended, "ended");
        if (!ExecutionStateMachine.isRetryable(ended.status())) {
            throw new IllegalArgumentException("only FAILED or TIMED_OUT executions are retried, not "
                    + ended.status());
        }
        return queue(ended.thingName(), ended.jobId(), ended.executionNumber() + 1,
                ended.timers().inProgressTimeoutInMinutes(), now);
    }
}
