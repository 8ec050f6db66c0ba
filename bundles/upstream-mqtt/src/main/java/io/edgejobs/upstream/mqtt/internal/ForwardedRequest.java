package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.api.upstream.UpstreamUnavailableException;

/**
 * A device's request as the connection forwards it: the same operation on the same thing and job, with the
 * connection's own clientToken in place of the device's.
 *
 * @param original the device's request, holding the device's clientToken (may be null)
 * @param upstream the copy that is published, holding the connection's token
 * @param operation the operation
 * @param jobId the job id of Describe ({@code $next} allowed) and Update; null otherwise
 * @param topic the request topic
 */
record ForwardedRequest(JobsRequest original, JobsRequest upstream, JobsOperation operation, String jobId,
        String topic) {

    /**
     * @throws IllegalArgumentException when the thing name or job id cannot form a Jobs topic
     */
    static ForwardedRequest of(JobsRequest request, String upstreamToken) {
        if (request instanceof GetPendingJobExecutionsRequest r) {
            return new ForwardedRequest(r, new GetPendingJobExecutionsRequest(r.thingName(), upstreamToken),
                    JobsOperation.GET_PENDING_JOB_EXECUTIONS, null, JobsTopics.getPending(r.thingName()));
        }
        if (request instanceof StartNextPendingJobExecutionRequest r) {
            return new ForwardedRequest(r, new StartNextPendingJobExecutionRequest(r.thingName(), r.statusDetails(),
                    r.stepTimeoutInMinutes(), upstreamToken), JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, null,
                    JobsTopics.startNext(r.thingName()));
        }
        if (request instanceof DescribeJobExecutionRequest r) {
            return new ForwardedRequest(r, new DescribeJobExecutionRequest(r.thingName(), r.jobId(),
                    r.executionNumber(), r.includeJobDocument(), upstreamToken),
                    JobsOperation.DESCRIBE_JOB_EXECUTION, r.jobId(), JobsTopics.describe(r.thingName(), r.jobId()));
        }
        if (request instanceof UpdateJobExecutionRequest r) {
            return new ForwardedRequest(r, new UpdateJobExecutionRequest(r.thingName(), r.jobId(), r.status(),
                    r.statusDetails(), r.expectedVersion(), r.executionNumber(), r.includeJobExecutionState(),
                    r.includeJobDocument(), r.stepTimeoutInMinutes(), upstreamToken),
                    JobsOperation.UPDATE_JOB_EXECUTION, r.jobId(), JobsTopics.update(r.thingName(), r.jobId()));
        }
        throw new IllegalArgumentException("unknown request type " + request.getClass().getName());
    }

    String thingName() {
        return original.thingName();
    }

    String deviceToken() {
        return original.clientToken();
    }

    String upstreamToken() {
        return upstream.clientToken();
    }

    /** For log lines: operation, thing, job and both tokens. */
    String describe() {
        return operationName(operation) + " thing=" + thingName() + (jobId == null ? "" : " jobId=" + jobId)
                + " deviceToken=" + deviceToken() + " upstreamToken=" + upstreamToken();
    }

    /** The failure of this request when it was not published: the cloud has not seen it. */
    UpstreamUnavailableException notSent(String why) {
        return new UpstreamUnavailableException(why + "; not sent: " + describe());
    }

    /** For log lines about a request that got no upstream token: operation, thing, job and the device's token. */
    static String describeDeviceRequest(JobsRequest request) {
        String jobId = request instanceof DescribeJobExecutionRequest d ? d.jobId()
                : request instanceof UpdateJobExecutionRequest u ? u.jobId() : null;
        String operation = request instanceof GetPendingJobExecutionsRequest ? "GetPendingJobExecutions"
                : request instanceof StartNextPendingJobExecutionRequest ? "StartNextPendingJobExecution"
                : request instanceof DescribeJobExecutionRequest ? "DescribeJobExecution" : "UpdateJobExecution";
        return operation + " thing=" + request.thingName() + (jobId == null ? "" : " jobId=" + jobId)
                + " deviceToken=" + request.clientToken();
    }

    private static String operationName(JobsOperation operation) {
        return switch (operation) {
            case GET_PENDING_JOB_EXECUTIONS -> "GetPendingJobExecutions";
            case START_NEXT_PENDING_JOB_EXECUTION -> "StartNextPendingJobExecution";
            case DESCRIBE_JOB_EXECUTION -> "DescribeJobExecution";
            case UPDATE_JOB_EXECUTION -> "UpdateJobExecution";
        };
    }
}
