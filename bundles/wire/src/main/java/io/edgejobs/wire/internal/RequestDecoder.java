package io.edgejobs.wire.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import java.util.Objects;

/**
 * Turns a request object into the matching request record, with the transport's defaults resolved: the MQTT
 * and HTTPS planes share the body fields but differ in clientToken (MQTT only) and in DescribeJobExecution's
 * includeJobDocument default (MQTT true, HTTPS false).
 */
public final class RequestDecoder {
    private final boolean readsClientToken;
    private final boolean describeIncludesDocumentByDefault;

    private RequestDecoder(boolean readsClientToken, boolean describeIncludesDocumentByDefault) {
        this.readsClientToken = readsClientToken;
        this.describeIncludesDocumentByDefault = describeIncludesDocumentByDefault;
    }

    /** jobs-mqtt-api.md: "Unless set to false, the response contains the job document. The default is true." */
    public static RequestDecoder mqtt() {
        return new RequestDecoder(true, true);
    }

    /** iot-jobs-data model, includeJobDocument: "When set to true, the response contains the job document. The
     * default is false." The HTTPS shapes have no clientToken. */
    public static RequestDecoder https() {
        return new RequestDecoder(false, false);
    }

    /** The request record of an operation; DescribeJobExecution reads its executionNumber and
     * includeJobDocument from the body (MQTT) or from {@code query} fields merged in by the caller (HTTPS). */
    public JobsRequest decode(JobsOperation operation, String thingName, String jobId, ObjectNode body) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(thingName, "thingName");
        StrictFields fields = readsClientToken ? StrictFields.withClientToken(body)
                : StrictFields.withoutClientToken(body);
        return switch (operation) {
            case GET_PENDING_JOB_EXECUTIONS -> new GetPendingJobExecutionsRequest(thingName, fields.clientToken());
            case START_NEXT_PENDING_JOB_EXECUTION -> new StartNextPendingJobExecutionRequest(thingName,
                    fields.optionalStatusDetails(), fields.optionalLong("stepTimeoutInMinutes"),
                    fields.clientToken());
            case DESCRIBE_JOB_EXECUTION -> new DescribeJobExecutionRequest(thingName, requireJobId(jobId),
                    fields.optionalLong("executionNumber"),
                    fields.optionalBoolean("includeJobDocument", describeIncludesDocumentByDefault),
                    fields.clientToken());
            case UPDATE_JOB_EXECUTION -> decodeUpdate(thingName, requireJobId(jobId), fields);
        };
    }

    private static UpdateJobExecutionRequest decodeUpdate(String thingName, String jobId, StrictFields fields) {
        return new UpdateJobExecutionRequest(thingName, jobId, fields.requiredStatus(),
                fields.optionalStatusDetails(), fields.optionalLong("expectedVersion"),
                fields.optionalLong("executionNumber"), fields.optionalBoolean("includeJobExecutionState", false),
                fields.optionalBoolean("includeJobDocument", false), fields.optionalLong("stepTimeoutInMinutes"),
                fields.clientToken());
    }

    private static String requireJobId(String jobId) {
        return Objects.requireNonNull(jobId, "jobId is required for this operation (it comes from the topic/path)");
    }
}
