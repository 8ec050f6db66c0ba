package io.edgejobs.emulator.internal.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job of the emulated cloud (the control plane's {@code Job}), immutable; changes make a new one.
 *
 * @param jobId the job id
 * @param jobArn {@code arn:aws:iot:{region}:{account}:job/{jobId}}
 * @param targets the targets as thing ARNs, in request order
 * @param thingNames the things named by {@code targets}, same order, without duplicates
 * @param document the job document JSON text
 * @param description the description, or null
 * @param targetSelection SNAPSHOT or CONTINUOUS
 * @param status the job status
 * @param forceCanceled whether it was cancelled with force
 * @param reasonCode the cancel reason code, or null
 * @param comment the cancel comment, or null
 * @param createdAt when created
 * @param lastUpdatedAt when last changed
 * @param completedAt when it completed or was cancelled, or null
 * @param inProgressTimeoutInMinutes {@code timeoutConfig.inProgressTimeoutInMinutes}, or null
 * @param retryCriteria {@code jobExecutionsRetryConfig.criteriaList}, empty when none
 * @param echoedConfig configuration AWS accepts but the emulator does not enforce (rollout, abort), kept as a JSON
 *        object text to show it back in DescribeJob; null when none
 * @param presignedUrlConfig how the document's presigned-URL placeholders are signed, or null when none was given
 */
public record Job(String jobId, String jobArn, List<String> targets, List<String> thingNames, String document,
        String description, TargetSelection targetSelection, JobStatus status, boolean forceCanceled,
        String reasonCode, String comment, Instant createdAt, Instant lastUpdatedAt, Instant completedAt,
        Long inProgressTimeoutInMinutes, List<RetryCriterion> retryCriteria, String echoedConfig,
        PresignedUrlConfig presignedUrlConfig) {

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobArn, "jobArn");
        targets = List.copyOf(targets);
        thingNames = List.copyOf(thingNames);
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(targetSelection, "targetSelection");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
        retryCriteria = retryCriteria == null ? List.of() : List.copyOf(retryCriteria);
    }

    /** The job after CancelJob. */
    public Job canceled(boolean force, String newReasonCode, String newComment, Instant now) {
        return new Job(jobId, jobArn, targets, thingNames, document, description, targetSelection,
                JobStatus.CANCELED, forceCanceled || force, newReasonCode == null ? reasonCode : newReasonCode,
                newComment == null ? comment : newComment, createdAt, now, completedAt == null ? now : completedAt,
                inProgressTimeoutInMinutes, retryCriteria, echoedConfig, presignedUrlConfig);
    }

    /** The job once every execution of a SNAPSHOT job is terminal. */
    public Job completed(Instant now) {
        return withStatus(JobStatus.COMPLETED, now, now);
    }

    /** The job while DeleteJob removes its executions. */
    public Job deleting(Instant now) {
        return withStatus(JobStatus.DELETION_IN_PROGRESS, now, completedAt);
    }

    private Job withStatus(JobStatus newStatus, Instant now, Instant newCompletedAt) {
        return new Job(jobId, jobArn, targets, thingNames, document, description, targetSelection, newStatus,
                forceCanceled, reasonCode, comment, createdAt, now, newCompletedAt, inProgressTimeoutInMinutes,
                retryCriteria, echoedConfig, presignedUrlConfig);
    }
}
