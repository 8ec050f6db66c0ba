package io.edgejobs.upstream.mqtt.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS material and options of a connection. Files are read at every connection attempt, so a rotated
 * certificate is picked up by the next reconnect.
 *
 * @param certificate PEM file with the client certificate (and optionally its chain)
 * @param privateKey PEM file with the private key
 * @param privateKeyPassword password of an encrypted key, or {@link Secret#NONE}
 * @param trustedCas PEM file with the trusted CA certificates, or null for the runtime's default trust store
 * @param alpnProtocol the ALPN protocol to offer, or null for none
 */
record TlsSettings(Path certificate, Path privateKey, Secret privateKeyPassword, Path trustedCas,
        String alpnProtocol) {

    TlsSettings {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(privateKeyPassword, "privateKeyPassword");
    }
}
