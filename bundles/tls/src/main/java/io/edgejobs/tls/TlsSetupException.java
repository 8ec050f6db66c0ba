package io.edgejobs.tls;

import java.io.IOException;

/**
 * TLS material cannot be used: a missing or unreadable file, a file without the expected PEM block, an encrypted
 * key without (or with a wrong) password, a key that does not belong to its certificate. The message names the file
 * and the reason and never contains key material or a password, so it can be logged as it is.
 */
public class TlsSetupException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message names the file and the reason; no key material */
    public TlsSetupException(String message) {
        super(message);
    }

    /**
     * @param message names the file and the reason; no key material
     * @param cause the underlying failure
     */
    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
