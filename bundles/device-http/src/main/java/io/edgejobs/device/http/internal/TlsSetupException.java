package io.edgejobs.device.http.internal;

/**
 * The TLS files cannot be used: missing, unreadable, without the expected PEM block, or a key that does not belong
 * to the certificate. The message names the file and the reason, never key material, so it can be logged.
 */
final class TlsSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    TlsSetupException(String message) {
        super(message);
    }

    TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
