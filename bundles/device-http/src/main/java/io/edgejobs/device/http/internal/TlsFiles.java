package io.edgejobs.device.http.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS files of the listener.
 *
 * @param certificate the server certificate (PEM, then its chain)
 * @param privateKey the server certificate's private key (PEM, unencrypted)
 * @param deviceCas the CAs of device certificates, or null for server-authenticated TLS only
 */
record TlsFiles(Path certificate, Path privateKey, Path deviceCas) {
    TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** Whether devices must present a certificate (and are then bound to its thing). */
    boolean mutual() {
        return deviceCas != null;
    }
}
