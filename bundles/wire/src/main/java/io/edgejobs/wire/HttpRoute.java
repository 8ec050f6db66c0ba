package io.edgejobs.wire;

import io.edgejobs.api.dataplane.JobsOperation;
import java.util.Objects;

/**
 * A request line matched to an operation of the HTTPS data plane, with its path parameters percent-decoded.
 *
 * @param operation the operation the method and path name
 * @param thingName the {@code {thingName}} path segment
 * @param jobId the {@code {jobId}} path segment ({@code $next} for StartNextPendingJobExecution and possibly for
 *        DescribeJobExecution), or null for GetPendingJobExecutions
 */
public record HttpRoute(JobsOperation operation, String thingName, String jobId) {
    public HttpRoute {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(thingName, "thingName");
    }
}
