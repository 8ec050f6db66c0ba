package io.edgejobs.wire;

import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobsException;
import java.time.Instant;

/**
 * A payload the codec cannot turn into a record: {@link ErrorCode#InvalidJson} when the bytes are not UTF-8
 * encoded JSON, {@link ErrorCode#InvalidRequest} when they are JSON of the wrong shape (not an object, a field of
 * the wrong type, a missing or unknown {@code status}).
 *
 * <p>It carries the request's {@code clientToken} whenever one could be read, so that the {@code /rejected}
 * answer can echo it: for InvalidRequest the token is the payload's top-level string {@code clientToken}; for
 * InvalidJson it is read best-effort from the broken text (see docs/decisions-wire.md).
 *
 * <p>When decoding messages from AWS IoT Core (the upstream direction) the same exception reports a malformed
 * upstream message; its code then describes the message, and the caller should answer its own device with
 * InternalError rather than forward the code.
 */
public class WireFormatException extends JobsException {
    private static final long serialVersionUID = 1L;

    private final String clientToken;

    public WireFormatException(ErrorCode code, String message, String clientToken) {
        super(code, message);
        this.clientToken = clientToken;
    }

    /** The clientToken of the payload that failed, or null when none could be read. */
    public String clientToken() {
        return clientToken;
    }

    /** The ErrorResponse for the device, echoing this payload's clientToken. */
    public ErrorResponse toErrorResponse(Instant timestamp) {
        return toErrorResponse(clientToken, timestamp);
    }

    @Override
    public String toString() {
        return "WireFormatException[" + code() + ": " + getMessage() + ", clientToken=" + clientToken + "]";
    }
}
