package io.edgejobs.api.store;

import io.edgejobs.api.jobs.JobExecutionStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the reconciliation audit: what the gateway had accepted locally, what the cloud said, and what was
 * dropped. Written with {@link StoreChange.RecordConflict}, read with {@link JobStore#conflicts}.
 *
 * @param id assigned by the store when recorded (ignored when writing)
 * @param recordedAt when the conflict was resolved
 * @param thingName the thing
 * @param jobId the job
 * @param executionNumber the execution of the job on the thing
 * @param kind what happened
 * @param localStatus the status devices had been told, or null when unknown
 * @param localVersion the versionNumber devices had been told, or null when unknown
 * @param cloudStatus the cloud's status, or null (deleted in the cloud)
 * @param cloudVersion the cloud's versionNumber, or null (deleted in the cloud)
 * @param droppedEntries how many outbox entries (device updates) were dropped
 * @param detail a sentence for operators (never null)
 */
public record ConflictRecord(long id, Instant recordedAt, String thingName, String jobId, long executionNumber,
        ConflictKind kind, JobExecutionStatus localStatus, Long localVersion, JobExecutionStatus cloudStatus,
        Long cloudVersion, int droppedEntries, String detail) {
    public ConflictRecord {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
