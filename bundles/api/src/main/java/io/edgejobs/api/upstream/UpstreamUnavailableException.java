package io.edgejobs.api.upstream;

/** The request was not sent upstream (no connection): the cloud has not seen it, so it is safe to handle locally. */
public class UpstreamUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UpstreamUnavailableException(String message) {
        super(message);
    }

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
