package io.edgejobs.api.dataplane;

import java.util.Objects;

/**
 * DescribeJobExecution: topic {@code $aws/things/{thingName}/jobs/{jobId}/get} (jobId may be {@code $next}),
 * HTTPS {@code GET /things/{thingName}/jobs/{jobId}}.
 *
 * @param thingName the thing
 * @param jobId the job id, or {@link #NEXT} for the thing's next pending execution
 * @param executionNumber a particular execution, or null for the latest
 * @param includeJobDocument whether to include the document; null means the transport's default
 *        (MQTT: true, HTTPS: false, per the respective AWS documents)
 * @param clientToken echoed in the response, or null
 */
public record DescribeJobExecutionRequest(String thingName, String jobId, Long executionNumber,
        Boolean includeJobDocument, String clientToken) implements JobsRequest {
    /** The pseudo job id that names the thing's next pending execution. */
    public static final String NEXT = "$next";

    public DescribeJobExecutionRequest {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
    }

    /** Whether this request names the next pending execution rather than a job id. */
    public boolean isNext() {
        return NEXT.equals(jobId);
    }
}
