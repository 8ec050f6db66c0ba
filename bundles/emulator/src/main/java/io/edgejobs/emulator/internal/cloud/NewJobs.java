package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.Identifiers;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.wire.JobDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns a CreateJob request into a {@link Job}, refusing what AWS refuses (InvalidRequestException): job id shape,
 * 1..100 thing targets, an inline JSON-object document of at most 32 KB, description length, target selection,
 * in-progress timeout 1..10080 minutes, at most 10 retries in all, and presigned URLs: placeholders of the form
 * {@code ${aws:iot:s3-presigned-url:https://...}} only with a {@code presignedUrlConfig}, whose {@code roleArn} is
 * 20..2048 characters and {@code expiresInSec} 60..3600.
 */
final class NewJobs {

    private static final int MAX_TARGETS = 100;
    private static final int MAX_DESCRIPTION = 2028;
    private static final long MAX_TIMEOUT_MINUTES = 10080;
    private static final int MIN_ROLE_ARN = 20;
    private static final int MAX_ROLE_ARN = 2048;

    private final Arns arns;
    private final RequestValidator validator;

    NewJobs(Arns arns, RequestValidator validator) {
        this.arns = arns;
        this.validator = validator;
    }

    Job create(CreateJobSpec spec, Instant now) {
        String jobId = spec.jobId();
        if (!Identifiers.isValidJobId(jobId)) {
            throw ControlPlaneException.invalidRequest("jobId must match " + Identifiers.JOB_ID_RULE + ", got " + jobId);
        }
        if (spec.targets().isEmpty() || spec.targets().size() > MAX_TARGETS) {
            throw ControlPlaneException.invalidRequest("targets must list 1.." + MAX_TARGETS + " things, got "
                    + spec.targets().size());
        }
        List<String> targetArns = new ArrayList<>();
        LinkedHashSet<String> thingNames = new LinkedHashSet<>();
        for (String target : spec.targets()) {
            String name = arns.thingNameOfTarget(target);
            if (thingNames.add(name)) {
                targetArns.add(arns.thing(name));
            }
        }
        if (spec.documentSource() != null) {
            throw ControlPlaneException.invalidRequest("documentSource (S3) is not supported by the emulator; send the"
                    + " document inline");
        }
        if (spec.document() == null) {
            throw ControlPlaneException.invalidRequest("document is required");
        }
        if (!JobDocuments.isJsonObject(spec.document())) {
            throw ControlPlaneException.invalidRequest("document must be a JSON object");
        }
        try {
            validator.validateJobDocument(spec.document());
        } catch (JobsException e) {
            throw ControlPlaneException.of(e);
        }
        String document = JobDocuments.compact(spec.document());
        checkPresignedUrls(document, spec.presignedUrlConfig());
        if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION) {
            throw ControlPlaneException.invalidRequest("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        TargetSelection selection;
        try {
            selection = spec.targetSelection() == null ? TargetSelection.SNAPSHOT
                    : TargetSelection.valueOf(spec.targetSelection());
        } catch (IllegalArgumentException e) {
            throw ControlPlaneException.invalidRequest("targetSelection must be SNAPSHOT or CONTINUOUS, got "
                    + spec.targetSelection());
        }
        Long timeout = spec.inProgressTimeoutInMinutes();
        if (timeout != null && (timeout < 1 || timeout > MAX_TIMEOUT_MINUTES)) {
            throw ControlPlaneException.invalidRequest("timeoutConfig.inProgressTimeoutInMinutes must be 1.."
                    + MAX_TIMEOUT_MINUTES + ", got " + timeout);
        }
        int retries = spec.retryCriteria().stream().mapToInt(RetryCriterion::numberOfRetries).sum();
        if (retries > 10) {
            throw ControlPlaneException.invalidRequest("jobExecutionsRetryConfig allows at most 10 retries in all, got "
                    + retries);
        }
        return new Job(jobId, arns.job(jobId), targetArns, List.copyOf(thingNames),
                document, spec.description(), selection, JobStatus.IN_PROGRESS, false,
                null, null, now, now, null, timeout, spec.retryCriteria(), spec.echoedConfig(), spec.presignedUrlConfig());
    }

    private static void checkPresignedUrls(String document, PresignedUrlConfig config) {
        int placeholders = PresignedUrlSigner.checkPlaceholders(document);
        if (config == null) {
            if (placeholders > 0) {
                throw ControlPlaneException.invalidRequest("document has presigned-URL placeholders: presignedUrlConfig"
                        + " (roleArn) is required to sign them");
            }
            return;
        }
        String role = config.roleArn();
        if (role == null || role.length() < MIN_ROLE_ARN || role.length() > MAX_ROLE_ARN) {
            throw ControlPlaneException.invalidRequest("presignedUrlConfig.roleArn must be " + MIN_ROLE_ARN + ".."
                    + MAX_ROLE_ARN + " characters, got " + (role == null ? "none" : role.length()));
        }
        long expires = config.effectiveExpiresInSec();
        if (expires < PresignedUrlConfig.MIN_EXPIRES_IN_SEC || expires > PresignedUrlConfig.MAX_EXPIRES_IN_SEC) {
            throw ControlPlaneException.invalidRequest("presignedUrlConfig.expiresInSec must be "
                    + PresignedUrlConfig.MIN_EXPIRES_IN_SEC + ".." + PresignedUrlConfig.MAX_EXPIRES_IN_SEC + ", got "
                    + expires);
        }
    }

}
