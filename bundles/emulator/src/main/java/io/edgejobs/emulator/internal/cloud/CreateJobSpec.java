package io.edgejobs.emulator.internal.cloud;

import java.util.List;

/**
 * A CreateJob request as the control plane read it (before validation).
 *
 * @param jobId from the path
 * @param targets thing ARNs (or names)
 * @param document the job document text, or null
 * @param documentSource an S3 URL, or null (not supported by the emulator)
 * @param description or null
 * @param targetSelection SNAPSHOT (default) or CONTINUOUS, or null
 * @param inProgressTimeoutInMinutes {@code timeoutConfig.inProgressTimeoutInMinutes}, or null
 * @param retryCriteria parsed {@code jobExecutionsRetryConfig.criteriaList}, empty when none
 * @param echoedConfig accepted-but-not-enforced settings as a JSON object text, or null
 * @param presignedUrlConfig {@code presignedUrlConfig}, or null
 */
public record CreateJobSpec(String jobId, List<String> targets, String document, String documentSource,
        String description, String targetSelection, Long inProgressTimeoutInMinutes, List<RetryCriterion> retryCriteria,
        String echoedConfig, PresignedUrlConfig presignedUrlConfig) {
    public CreateJobSpec {
        targets = targets == null ? List.of() : List.copyOf(targets);
        retryCriteria = retryCriteria == null ? List.of() : List.copyOf(retryCriteria);
    }

    /** A request without {@code presignedUrlConfig}. */
    public CreateJobSpec(String jobId, List<String> targets, String document, String documentSource,
            String description, String targetSelection, Long inProgressTimeoutInMinutes,
            List<RetryCriterion> retryCriteria, String echoedConfig) {
        this(jobId, targets, document, documentSource, description, targetSelection, inProgressTimeoutInMinutes,
                retryCriteria, echoedConfig, null);
    }
}
