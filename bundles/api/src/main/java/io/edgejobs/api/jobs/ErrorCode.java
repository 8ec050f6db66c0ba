package io.edgejobs.api.jobs;

/**
 * The codes of the AWS IoT Jobs MQTT {@code ErrorResponse} (jobs-api.md, "ErrorResponse"), with the
 * HTTPS data-plane exception each one maps to (iot-jobs-data 2017-09-29 service model, rest-json).
 *
 * <p>The HTTPS mapping for codes the service model has no exception for (InvalidTopic, InvalidJson,
 * VersionMismatch, InternalError) is a decision recorded in docs/decisions.md.
 */
public enum ErrorCode {
    /** The request was sent to a topic in the Jobs namespace that does not map to any API. */
    InvalidTopic("InvalidRequestException", 400, false),
    /** The request could not be interpreted as valid UTF-8-encoded JSON. */
    InvalidJson("InvalidRequestException", 400, false),
    /** The contents of the request were invalid; the message says why. */
    InvalidRequest("InvalidRequestException", 400, false),
    /** The update is not allowed from the execution's current status; carries executionState. */
    InvalidStateTransition("InvalidStateTransitionException", 409, true),
    /** The job execution named by the request does not exist. */
    ResourceNotFound("ResourceNotFoundException", 404, false),
    /** expectedVersion does not match the execution's versionNumber; carries executionState. */
    VersionMismatch("InvalidStateTransitionException", 409, true),
    /** An internal error while processing the request. */
    InternalError("ServiceUnavailableException", 503, false),
    /** The request was throttled. */
    RequestThrottled("ThrottlingException", 429, false),
    /** DescribeJobExecution on an execution in a terminal state (HTTPS: TerminalStateException, 410). */
    TerminalStateReached("TerminalStateException", 410, false);

    private final String httpExceptionType;
    private final int httpStatus;
    private final boolean carriesExecutionState;

    ErrorCode(String httpExceptionType, int httpStatus, boolean carriesExecutionState) {
        this.httpExceptionType = httpExceptionType;
        this.httpStatus = httpStatus;
        this.carriesExecutionState = carriesExecutionState;
    }

    /** The code as it appears in the MQTT ErrorResponse {@code code} field. */
    public String wireName() {
        return name();
    }

    /** The rest-json exception shape name (sent in the {@code x-amzn-ErrorType} header). */
    public String httpExceptionType() {
        return httpExceptionType;
    }

    /** The HTTP status code of the rest-json error. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether ErrorResponse includes {@code executionState} for this code (InvalidStateTransition, VersionMismatch). */
    public boolean carriesExecutionState() {
        return carriesExecutionState;
    }

    /** Parses a wire code; returns null when unknown (an upstream speaking a newer API). */
    public static ErrorCode fromWire(String code) {
        if (code == null) {
            return null;
        }
        for (ErrorCode c : values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        return null;
    }
}
