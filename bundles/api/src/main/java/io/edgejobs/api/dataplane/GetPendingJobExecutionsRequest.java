package io.edgejobs.api.dataplane;

import java.util.Objects;

/**
 * GetPendingJobExecutions: topic {@code $aws/things/{thingName}/jobs/get}, HTTPS {@code GET /things/{thingName}/jobs}.
 *
 * @param thingName the thing whose pending executions are listed
 * @param clientToken echoed in the response, or null
 */
public record GetPendingJobExecutionsRequest(String thingName, String clientToken) implements JobsRequest {
    public GetPendingJobExecutionsRequest {
        Objects.requireNonNull(thingName, "thingName");
    }
}
