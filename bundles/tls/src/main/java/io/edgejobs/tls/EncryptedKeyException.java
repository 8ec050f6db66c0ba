package io.edgejobs.tls;

/**
 * The private key is encrypted and no password was given. The message says how to store the key unencrypted (the
 * openssl command); a caller that supports key passwords catches this to name its own password setting instead.
 */
public final class EncryptedKeyException extends TlsSetupException {
    private static final long serialVersionUID = 1L;

    private final String source;

    EncryptedKeyException(String source) {
        super(source + ": the key is encrypted; store it unencrypted in a file only the gateway's user can read "
                + "(mode 0600): 'openssl pkcs8 -topk8 -nocrypt -in <key> -out <new key> && chmod 600 <new key>'");
        this.source = source;
    }

    /** The file (or text) the key came from, as given to the reader, e.g. {@code private key file /etc/x.key}. */
    public String source() {
        return source;
    }
}
