package io.edgejobs.upstream.mqtt.internal;

/**
 * The TLS material could not be loaded: a missing or unreadable file, a file without the expected PEM block, a
 * wrong key password, a key that does not belong to the certificate. The message names the file and the reason
 * and never contains key material or the password, so it can be logged as it is.
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
