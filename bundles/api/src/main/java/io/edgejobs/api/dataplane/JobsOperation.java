package io.edgejobs.api.dataplane;

/** The four operations of the Jobs device data plane, with their MQTT topic suffix after {@code jobs/}. */
public enum JobsOperation {
    /** {@code $aws/things/{thingName}/jobs/get}. */
    GET_PENDING_JOB_EXECUTIONS,
    /** {@code $aws/things/{thingName}/jobs/start-next}. */
    START_NEXT_PENDING_JOB_EXECUTION,
    /** {@code $aws/things/{thingName}/jobs/{jobId}/get}, jobId may be {@code $next}. */
    DESCRIBE_JOB_EXECUTION,
    /** {@code $aws/things/{thingName}/jobs/{jobId}/update}. */
    UPDATE_JOB_EXECUTION
}
