package io.edgejobs.api.mqtt;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A TLS listener of an {@link MqttServer} (TLS 1.2 and 1.3), beside or instead of its plain TCP one. The files are
 * PEM and read when the server starts.
 *
 * @param port the TCP port of the TLS listener, {@value #DEFAULT_PORT} by default (as AWS IoT Core's MQTT over
 *     TLS); 0 lets the OS choose one, which {@link MqttServer#tlsBoundPort()} then reports
 * @param certificateChainFile the server certificate first, then any intermediate CA certificates
 * @param privateKeyFile the server certificate's private key, unencrypted: PKCS#8 ({@code BEGIN PRIVATE KEY}),
 *     PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}); readable by the gateway's user
 *     only (mode 0600)
 * @param clientCaFile null for server-only TLS; otherwise the CA certificates (one or more) that sign client
 *     certificates: every client must then present a certificate issued by one of them (mutual TLS), and
 *     {@link MqttServerHandler#authenticate(String, String, byte[], java.security.cert.X509Certificate)} receives
 *     it
 */
public record MqttTlsOptions(int port, Path certificateChainFile, Path privateKeyFile, Path clientCaFile) {

    /** The IANA port of MQTT over TLS. */
    public static final int DEFAULT_PORT = 8883;

    public MqttTlsOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TLS port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(certificateChainFile, "certificateChainFile");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    }

    /** Server-only TLS: no client certificate asked for. */
    public static MqttTlsOptions serverOnly(int port, Path certificateChainFile, Path privateKeyFile) {
        return new MqttTlsOptions(port, certificateChainFile, privateKeyFile, null);
    }

    /** Mutual TLS: clients must present a certificate issued by one of the CAs in {@code clientCaFile}. */
    public MqttTlsOptions withClientCaFile(Path newClientCaFile) {
        return new MqttTlsOptions(port, certificateChainFile, privateKeyFile,
                Objects.requireNonNull(newClientCaFile, "clientCaFile"));
    }

    public MqttTlsOptions withPort(int newPort) {
        return new MqttTlsOptions(newPort, certificateChainFile, privateKeyFile, clientCaFile);
    }

    /** Whether clients must present a certificate (mutual TLS). */
    public boolean clientCertificateRequired() {
        return clientCaFile != null;
    }
}
