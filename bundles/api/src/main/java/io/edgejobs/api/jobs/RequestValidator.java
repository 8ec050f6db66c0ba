package io.edgejobs.api.jobs;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks device requests against the parameter rules of the Jobs data plane before any state is read. Every
 * failure is a {@link JobsException} with {@link ErrorCode#InvalidRequest} and a message naming the field and the
 * rule it breaks.
 *
 * <p>Rules: thingName and jobId shapes ({@link Identifiers}; {@code $next} only in DescribeJobExecution);
 * statusDetails at most 10 pairs, keys 1–128 of {@code [a-zA-Z0-9:_-]}, values 1–1024 (configurable) characters
 * without control characters ({@code [^\p{C}]}); stepTimeoutInMinutes 1–10080, and -1 in UpdateJobExecution;
 * expectedVersion and executionNumber non-negative; UpdateJobExecution status IN_PROGRESS, SUCCEEDED, FAILED or
 * REJECTED; clientToken at most 64 UTF-8 bytes without control characters; job documents at most 32768 UTF-8 bytes.
 */
public final class RequestValidator {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9:_-]+");
    private static final Pattern NO_CONTROL = Pattern.compile("[^\\p{C}]*");

    private final ValidationLimits limits;

    /** A validator with AWS's current limits. */
    public RequestValidator() {
        this(ValidationLimits.DEFAULTS);
    }

    public RequestValidator(ValidationLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ValidationLimits limits() {
        return limits;
    }

    /** Validates any device request. */
    public void validate(JobsRequest request) {
        Objects.requireNonNull(request, "request");
        if (request instanceof GetPendingJobExecutionsRequest r) {
            validate(r);
        } else if (request instanceof StartNextPendingJobExecutionRequest r) {
            validate(r);
        } else if (request instanceof DescribeJobExecutionRequest r) {
            validate(r);
        } else if (request instanceof UpdateJobExecutionRequest r) {
            validate(r);
        } else {
            throw new IllegalArgumentException("unknown request type " + request.getClass().getName());
        }
    }

    public void validate(GetPendingJobExecutionsRequest request) {
        validateThingName(request.thingName());
        validateClientToken(request.clientToken());
    }

    public void validate(StartNextPendingJobExecutionRequest request) {
        validateThingName(request.thingName());
        validateStatusDetails(request.statusDetails());
        validateStepTimeout(request.stepTimeoutInMinutes(), false);
        validateClientToken(request.clientToken());
    }

    public void validate(DescribeJobExecutionRequest request) {
        validateThingName(request.thingName());
        validateJobId(request.jobId(), true);
        validateNonNegative("executionNumber", request.executionNumber());
        validateClientToken(request.clientToken());
    }

    public void validate(UpdateJobExecutionRequest request) {
        validateThingName(request.thingName());
        validateJobId(request.jobId(), false);
        ExecutionStateMachine.requireDeviceSettable(request.status());
        validateStatusDetails(request.statusDetails());
        validateNonNegative("expectedVersion", request.expectedVersion());
        validateNonNegative("executionNumber", request.executionNumber());
        validateStepTimeout(request.stepTimeoutInMinutes(), true);
        validateClientToken(request.clientToken());
    }

    public void validateThingName(String thingName) {
        if (!Identifiers.isValidThingName(thingName)) {
            throw invalid("thingName", "must match " + Identifiers.THING_NAME_RULE + describe(thingName));
        }
    }

    /**
     * Validates a job id.
     *
     * @param allowNext whether {@code $next} is accepted (DescribeJobExecution only)
     */
    public void validateJobId(String jobId, boolean allowNext) {
        if (Identifiers.NEXT_JOB_ID.equals(jobId)) {
            if (!allowNext) {
                throw invalid("jobId", "$next is only allowed in DescribeJobExecution");
            }
            return;
        }
        if (!Identifiers.isValidJobId(jobId)) {
            throw invalid("jobId", "must match " + Identifiers.JOB_ID_RULE + describe(jobId));
        }
    }

    /** Validates statusDetails; null (absent) is valid. */
    public void validateStatusDetails(Map<String, String> statusDetails) {
        if (statusDetails == null) {
            return;
        }
        if (statusDetails.size() > limits.maxStatusDetailsPairs()) {
            throw invalid("statusDetails", "at most " + limits.maxStatusDetailsPairs()
                    + " name/value pairs are allowed, got " + statusDetails.size());
        }
        for (Map.Entry<String, String> e : statusDetails.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.length() > limits.maxStatusDetailKeyLength()
                    || !KEY.matcher(key).matches()) {
                throw invalid("statusDetails", "key " + quote(key) + " must be 1 to "
                        + limits.maxStatusDetailKeyLength() + " characters of [a-zA-Z0-9:_-]");
            }
            String value = e.getValue();
            String field = "statusDetails." + key;
            if (value == null) {
                throw invalid(field, "value must be a string");
            }
            int length = value.codePointCount(0, value.length());
            if (length < 1 || length > limits.maxStatusDetailValueLength()) {
                throw invalid(field, "value must be 1 to " + limits.maxStatusDetailValueLength()
                        + " characters, got " + length);
            }
            if (!NO_CONTROL.matcher(value).matches()) {
                throw invalid(field, "value must not contain control characters ([^\\p{C}]*)");
            }
        }
    }

    /**
     * Validates stepTimeoutInMinutes; null (absent) is valid.
     *
     * @param allowDiscard whether -1 ("discard the current step timer", UpdateJobExecution only) is accepted
     */
    public void validateStepTimeout(Long stepTimeoutInMinutes, boolean allowDiscard) {
        if (stepTimeoutInMinutes == null) {
            return;
        }
        long v = stepTimeoutInMinutes;
        if (allowDiscard && v == Timeouts.DISCARD_STEP_TIMER) {
            return;
        }
        if (v < 1 || v > limits.maxStepTimeoutInMinutes()) {
            throw invalid("stepTimeoutInMinutes", "must be 1 to " + limits.maxStepTimeoutInMinutes()
                    + (allowDiscard ? ", or -1 to discard the step timer" : "") + ", got " + v);
        }
    }

    /** Validates a clientToken; null (absent) is valid. */
    public void validateClientToken(String clientToken) {
        if (clientToken == null) {
            return;
        }
        int bytes = clientToken.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxClientTokenBytes()) {
            throw invalid("clientToken", "must be at most " + limits.maxClientTokenBytes() + " bytes, got " + bytes);
        }
        if (!NO_CONTROL.matcher(clientToken).matches()) {
            throw invalid("clientToken", "must not contain control characters");
        }
    }

    /** Validates a job document's size (the document JSON text as UTF-8). */
    public void validateJobDocument(String jobDocument) {
        Objects.requireNonNull(jobDocument, "jobDocument");
        int bytes = jobDocument.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxJobDocumentBytes()) {
            throw invalid("jobDocument", "must be at most " + limits.maxJobDocumentBytes() + " bytes, got " + bytes);
        }
    }

    private static void validateNonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw invalid(field, "must not be negative, got " + value);
        }
    }

    private static JobsException invalid(String field, String rule) {
        return new JobsException(ErrorCode.InvalidRequest, field + ": " + rule);
    }

    private static String describe(String value) {
        if (value == null) {
            return ", got none";
        }
        if (value.length() > 140) {
            return ", got " + value.length() + " characters";
        }
        return ", got " + quote(value);
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
