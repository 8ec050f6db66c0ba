package io.edgejobs.api.store;

import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.StatusDetails;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One cached job execution, keyed by (thingName, jobId, executionNumber).
 *
 * @param thingName the thing
 * @param jobId the job
 * @param executionNumber the execution of the job on the thing
 * @param status current status
 * @param statusDetails current details (never null)
 * @param queuedAt when queued
 * @param startedAt when started, or null
 * @param lastUpdatedAt when last changed
 * @param versionNumber the version the gateway has told devices
 * @param timers running timers
 */
public record ExecutionRecord(String thingName, String jobId, long executionNumber, JobExecutionStatus status,
        Map<String, String> statusDetails, Instant queuedAt, Instant startedAt, Instant lastUpdatedAt,
        long versionNumber, ExecutionTimers timers) {
    public ExecutionRecord {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
        statusDetails = StatusDetails.copyOf(statusDetails);
        timers = timers == null ? ExecutionTimers.NONE : timers;
    }
}
