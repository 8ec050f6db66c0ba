package io.edgejobs.api.store;

import io.edgejobs.api.jobs.JobExecutionStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The last state of an execution the cloud confirmed (in an answer, a rejection's executionState or a
 * notification), kept beside the cached record, which holds what the gateway told devices. The two differ while
 * the execution has outbox entries (device updates accepted offline and not yet replayed) and after a conflict the
 * cloud won (see docs/reconciliation.md).
 *
 * @param thingName the thing
 * @param jobId the job
 * @param executionNumber the execution of the job on the thing
 * @param status the status the cloud confirmed
 * @param versionNumber the cloud's versionNumber
 * @param confirmedAt when the gateway learned it
 */
public record CloudState(String thingName, String jobId, long executionNumber, JobExecutionStatus status,
        long versionNumber, Instant confirmedAt) {
    public CloudState {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
}
