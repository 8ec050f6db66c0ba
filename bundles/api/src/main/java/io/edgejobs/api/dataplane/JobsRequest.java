package io.edgejobs.api.dataplane;

/** A device's request to the Jobs data plane; every request names its thing and may carry a clientToken. */
public sealed interface JobsRequest permits GetPendingJobExecutionsRequest, StartNextPendingJobExecutionRequest,
        DescribeJobExecutionRequest, UpdateJobExecutionRequest {
    String thingName();

    String clientToken();
}
