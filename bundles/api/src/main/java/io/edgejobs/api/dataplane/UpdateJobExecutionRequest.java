package io.edgejobs.api.dataplane;

import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.StatusDetails;
import java.util.Map;
import java.util.Objects;

/**
 * UpdateJobExecution: topic {@code $aws/things/{thingName}/jobs/{jobId}/update},
 * HTTPS {@code POST /things/{thingName}/jobs/{jobId}}.
 *
 * @param thingName the thing
 * @param jobId the job id
 * @param status the new status; "must be specified on every update"
 * @param statusDetails new details, or null to leave them unchanged
 * @param expectedVersion the version the device believes current, or null to skip the check
 * @param executionNumber a particular execution, or null for the latest
 * @param includeJobExecutionState whether the response carries executionState (default false)
 * @param includeJobDocument whether the response carries the job document (default false)
 * @param stepTimeoutInMinutes a new step timer (1..10080), -1 to discard the current one, or null
 * @param clientToken echoed in the response, or null
 */
public record UpdateJobExecutionRequest(String thingName, String jobId, JobExecutionStatus status,
        Map<String, String> statusDetails, Long expectedVersion, Long executionNumber,
        boolean includeJobExecutionState, boolean includeJobDocument, Long stepTimeoutInMinutes,
        String clientToken) implements JobsRequest {
    public UpdateJobExecutionRequest {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        statusDetails = statusDetails == null ? null : StatusDetails.copyOf(statusDetails);
    }
}
