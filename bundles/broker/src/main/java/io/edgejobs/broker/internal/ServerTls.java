package io.edgejobs.broker.internal;

import io.edgejobs.api.mqtt.MqttTlsOptions;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK TLS context of a listener, from its PEM files: the server's key and certificate chain and, for mutual TLS,
 * the CAs client certificates must chain to. TLS 1.3 and 1.2 only; no ALPN (devices pointed at the gateway use the
 * MQTT-over-TLS port, not AWS IoT Core's 443 with ALPN).
 */
final class ServerTls {

    static final String HANDLER_NAME = "tls";
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final String[] protocols;
    private final boolean clientCertificateRequired;
    private final String description;

    private ServerTls(SSLContext context, boolean clientCertificateRequired, String description) {
        this.context = context;
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        this.protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
        this.clientCertificateRequired = clientCertificateRequired;
        this.description = description;
    }

    /** Reads the files and builds the context; fails with a message naming the file at fault. */
    static ServerTls load(MqttTlsOptions options) throws TlsSetupException {
        List<X509Certificate> chain = PemFiles.certificates(options.certificateChainFile(), "certificate chain file");
        PrivateKey key = PemFiles.privateKey(options.privateKeyFile());
        requireKeyOfCertificate(key, chain.get(0), options);
        List<X509Certificate> clientCas = options.clientCertificateRequired()
            ? PemFiles.certificates(options.clientCaFile(), "client CA file") : List.of();
        try {
            char[] password = UUID.randomUUID().toString().toCharArray(); // protects the in-memory key store only
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            TrustManager[] trust = null;
            if (options.clientCertificateRequired()) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                for (int i = 0; i < clientCas.size(); i++) {
                    cas.setCertificateEntry("client-ca-" + i, clientCas.get(i));
                }
                TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
                trustManagers.init(cas);
                trust = trustManagers.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trust, new SecureRandom());
            String description = "server certificate " + chain.get(0).getSubjectX500Principal().getName()
                + (options.clientCertificateRequired()
                    ? ", client certificates required, issued by " + clientCas.stream()
                        .map(c -> c.getSubjectX500Principal().getName()).toList()
                    : ", no client certificates");
            return new ServerTls(context, options.clientCertificateRequired(), description);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("TLS context cannot be built: " + e, e);
        }
    }

    /** A mismatched key would only show as handshake failures on every connection; refuse it at start instead. */
    private static void requireKeyOfCertificate(PrivateKey key, X509Certificate certificate, MqttTlsOptions options)
        throws TlsSetupException {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "edgejobs key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another algorithm than the certificate's: reported below
        }
        throw new TlsSetupException("private key file " + options.privateKeyFile() + " does not belong to the "
            + "certificate " + certificate.getSubjectX500Principal().getName() + " of "
            + options.certificateChainFile());
    }

    /** A new server-side handler for one accepted connection. */
    SslHandler newHandler(long handshakeTimeoutMillis) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(protocols);
        engine.setNeedClientAuth(clientCertificateRequired);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    /** The verified client certificate of a connection's TLS session; null on plain TCP or without one. */
    static X509Certificate clientCertificate(ChannelPipeline pipeline) {
        if (!(pipeline.get(HANDLER_NAME) instanceof SslHandler tls)) {
            return null;
        }
        try {
            Certificate[] peer = tls.engine().getSession().getPeerCertificates();
            return peer.length > 0 && peer[0] instanceof X509Certificate first ? first : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
