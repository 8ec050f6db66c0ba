package io.edgejobs.api.jobs;

import java.time.Instant;

/**
 * The timers that can move an IN_PROGRESS execution to TIMED_OUT (jobs-configurations-details.md, "Timeouts").
 *
 * @param inProgressTimeoutInMinutes the job-level in-progress timeout ({@code timeoutConfig}), or null if the
 *        job has none; it starts when the execution goes IN_PROGRESS and cannot change afterwards
 * @param inProgressDeadline when the in-progress timer fires, or null when not running
 * @param stepDeadline when the current step timer fires, or null when none is set
 */
public record ExecutionTimers(Long inProgressTimeoutInMinutes, Instant inProgressDeadline, Instant stepDeadline) {
    /** No timers at all. */
    public static final ExecutionTimers NONE = new ExecutionTimers(null, null, null);
}
