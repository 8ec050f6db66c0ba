package io.edgejobs.api.dataplane;

import io.edgejobs.api.jobs.StatusDetails;
import java.util.Map;
import java.util.Objects;

/**
 * StartNextPendingJobExecution: topic {@code $aws/things/{thingName}/jobs/start-next},
 * HTTPS {@code PUT /things/{thingName}/jobs/$next}.
 *
 * @param thingName the thing asking for its next job
 * @param statusDetails details set when a QUEUED execution is started; null leaves them unchanged
 * @param stepTimeoutInMinutes step timer for the started execution (1..10080), or null for none
 * @param clientToken echoed in the response, or null
 */
public record StartNextPendingJobExecutionRequest(String thingName, Map<String, String> statusDetails,
        Long stepTimeoutInMinutes, String clientToken) implements JobsRequest {
    public StartNextPendingJobExecutionRequest {
        Objects.requireNonNull(thingName, "thingName");
        statusDetails = statusDetails == null ? null : StatusDetails.copyOf(statusDetails);
    }
}
