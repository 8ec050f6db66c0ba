package io.edgejobs.api.upstream;

/**
 * The request was sent upstream but no answer arrived within the configured bound (or the link dropped while
 * waiting): the cloud may or may not have applied it, so the outcome must be resolved later.
 */
public class UpstreamTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UpstreamTimeoutException(String message) {
        super(message);
    }

    public UpstreamTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
