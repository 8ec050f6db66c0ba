package io.edgejobs.broker.internal;

import java.io.IOException;

/** A TLS listener cannot be set up from its files; the message names the file and the reason, never key bytes. */
final class TlsSetupException extends IOException {

    private static final long serialVersionUID = 1L;

    TlsSetupException(String message) {
        super(message);
    }

    TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
