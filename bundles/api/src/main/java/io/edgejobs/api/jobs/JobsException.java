package io.edgejobs.api.jobs;

import java.util.Objects;

/**
 * A request that AWS IoT Jobs would reject: the error code of the ErrorResponse, its message and, for
 * InvalidStateTransition and VersionMismatch, the execution's current state.
 *
 * <p>Transports turn it into an MQTT {@code /rejected} message or an HTTPS error; the clientToken and timestamp
 * are added there because they belong to the request, not to the rule that failed.
 */
public class JobsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient JobExecutionState executionState;

    public JobsException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public JobsException(ErrorCode code, String message, JobExecutionState executionState) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.executionState = code.carriesExecutionState() ? executionState : null;
    }

    public ErrorCode code() {
        return code;
    }

    /** The current execution state, present only for codes that carry it; may be null. */
    public JobExecutionState executionState() {
        return executionState;
    }

    /** The ErrorResponse this exception stands for, stamped with the request's token and the given time. */
    public ErrorResponse toErrorResponse(String clientToken, java.time.Instant timestamp) {
        return new ErrorResponse(code, getMessage(), clientToken, timestamp, executionState);
    }

    @Override
    public String toString() {
        return "JobsException[" + code + ": " + getMessage() + "]";
    }
}
