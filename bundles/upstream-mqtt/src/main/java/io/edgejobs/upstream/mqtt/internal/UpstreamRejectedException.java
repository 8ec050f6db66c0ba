package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobsException;

/**
 * The cloud rejected a forwarded request ({@code /rejected}). A {@link JobsException} with the cloud's code,
 * message and execution state, so callers that know only the API handle it like any rejection; this class also
 * keeps the cloud's ErrorResponse with the device's clientToken put back, and the connection's token.
 */
final class UpstreamRejectedException extends JobsException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorResponse errorResponse;
    private final String upstreamClientToken;

    UpstreamRejectedException(ErrorResponse cloud, String deviceClientToken, String upstreamClientToken) {
        super(cloud.code(), cloud.message(), cloud.executionState());
        this.errorResponse = new ErrorResponse(cloud.code(), cloud.message(), deviceClientToken, cloud.timestamp(),
                cloud.executionState());
        this.upstreamClientToken = upstreamClientToken;
    }

    /** The cloud's ErrorResponse with the device's clientToken in place of the connection's. */
    ErrorResponse errorResponse() {
        return errorResponse;
    }

    String deviceClientToken() {
        return errorResponse.clientToken();
    }

    String upstreamClientToken() {
        return upstreamClientToken;
    }
}
