package io.edgejobs.api.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * The JobExecutionSummary data type, as listed by GetPendingJobExecutions and the notify topic.
 *
 * @param jobId the job's identifier
 * @param queuedAt when the execution was queued
 * @param startedAt when it went IN_PROGRESS, or null
 * @param lastUpdatedAt when it last changed
 * @param versionNumber the execution's version
 * @param executionNumber identifies this execution of the job on the thing
 */
public record JobExecutionSummary(
        String jobId,
        Instant queuedAt,
        Instant startedAt,
        Instant lastUpdatedAt,
        long versionNumber,
        long executionNumber) {
    public JobExecutionSummary {
        Objects.requireNonNull(jobId, "jobId");
    }
}
