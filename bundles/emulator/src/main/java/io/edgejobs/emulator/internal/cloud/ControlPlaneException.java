package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.JobsException;
import java.util.Objects;

/**
 * An error of the control plane in the AWS IoT rest-json shape: the exception name (sent as
 * {@code x-amzn-ErrorType}), its HTTP status as the iot 2015-05-28 service model declares it, and a message.
 */
public class ControlPlaneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final int httpStatus;

    public ControlPlaneException(String errorType, int httpStatus, String message) {
        super(message);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.httpStatus = httpStatus;
    }

    public String errorType() {
        return errorType;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static ControlPlaneException invalidRequest(String message) {
        return new ControlPlaneException("InvalidRequestException", 400, message);
    }

    public static ControlPlaneException notFound(String message) {
        return new ControlPlaneException("ResourceNotFoundException", 404, message);
    }

    public static ControlPlaneException alreadyExists(String message) {
        return new ControlPlaneException("ResourceAlreadyExistsException", 409, message);
    }

    public static ControlPlaneException invalidStateTransition(String message) {
        return new ControlPlaneException("InvalidStateTransitionException", 409, message);
    }

    public static ControlPlaneException versionConflict(String message) {
        return new ControlPlaneException("VersionConflictException", 409, message);
    }

    /** The model declares LimitExceededException with status 410. */
    public static ControlPlaneException limitExceeded(String message) {
        return new ControlPlaneException("LimitExceededException", 410, message);
    }

    /** The iot model declares ThrottlingException with status 400 (not 429). */
    public static ControlPlaneException throttled(String message) {
        return new ControlPlaneException("ThrottlingException", 400, message);
    }

    public static ControlPlaneException internal(String message) {
        return new ControlPlaneException("InternalFailureException", 500, message);
    }

    /** The control-plane form of a rule failure from {@code io.edgejobs.api.jobs}. */
    public static ControlPlaneException of(JobsException e) {
        return switch (e.code()) {
            case VersionMismatch -> versionConflict(e.getMessage());
            case InvalidStateTransition, TerminalStateReached -> invalidStateTransition(e.getMessage());
            case ResourceNotFound -> notFound(e.getMessage());
            case RequestThrottled -> throttled(e.getMessage());
            case InternalError -> internal(e.getMessage());
            case InvalidTopic, InvalidJson, InvalidRequest -> invalidRequest(e.getMessage());
        };
    }

    @Override
    public String toString() {
        return errorType + " (" + httpStatus + "): " + getMessage();
    }
}
