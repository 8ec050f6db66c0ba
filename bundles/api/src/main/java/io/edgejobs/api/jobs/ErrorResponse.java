package io.edgejobs.api.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * The ErrorResponse data type published on {@code .../rejected}.
 *
 * @param code the error code
 * @param message a human-readable message
 * @param clientToken the request's clientToken, or null when it could not be read
 * @param timestamp when the error was produced
 * @param executionState the current state, only for InvalidStateTransition and VersionMismatch
 */
public record ErrorResponse(ErrorCode code, String message, String clientToken, Instant timestamp,
        JobExecutionState executionState) {
    public ErrorResponse {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!code.carriesExecutionState()) {
            executionState = null;
        }
    }
}
