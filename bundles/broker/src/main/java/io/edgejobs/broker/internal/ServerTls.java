package io.edgejobs.broker.internal;

import io.edgejobs.api.mqtt.MqttTlsOptions;
import io.edgejobs.tls.Certificates;
import io.edgejobs.tls.PemFiles;
import io.edgejobs.tls.SslContexts;
import io.edgejobs.tls.TlsSetupException;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK TLS context of a listener, from its PEM files: the server's key and certificate chain and, for mutual TLS,
 * the CAs client certificates must chain to. TLS 1.3 and 1.2 only; no ALPN (devices pointed at the gateway use the
 * MQTT-over-TLS port, not AWS IoT Core's 443 with ALPN).
 */
final class ServerTls {

    static final String HANDLER_NAME = "tls";
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final SSLContext context;
    private final String[] protocols;
    private final boolean clientCertificateRequired;
    private final String description;

    private ServerTls(SSLContext context, boolean clientCertificateRequired, String description) {
        this.context = context;
        this.protocols = SslContexts.serverProtocols(context);
        this.clientCertificateRequired = clientCertificateRequired;
        this.description = description;
    }

    /** Reads the files and builds the context; fails with a message naming the file at fault. */
    static ServerTls load(MqttTlsOptions options) throws TlsSetupException {
        List<X509Certificate> chain = PemFiles.certificates(options.certificateChainFile(), "certificate chain");
        PrivateKey key = privateKey(options.privateKeyFile());
        Certificates.requireKeyOf(chain.get(0), key, options.privateKeyFile(), options.certificateChainFile());
        List<X509Certificate> clientCas = options.clientCertificateRequired()
            ? PemFiles.certificates(options.clientCaFile(), "client CA") : List.of();
        SSLContext context = SslContexts.server(chain, key,
            clientCas.isEmpty() ? null : SslContexts.trustManagers(clientCas));
        String description = "server certificate " + chain.get(0).getSubjectX500Principal().getName()
            + (options.clientCertificateRequired()
                ? ", client certificates required, issued by " + clientCas.stream()
                    .map(c -> c.getSubjectX500Principal().getName()).toList()
                : ", no client certificates");
        return new ServerTls(context, options.clientCertificateRequired(), description);
    }

    /** The listener's unencrypted key; warns when others than the owner may read or write the file. */
    static PrivateKey privateKey(Path file) throws TlsSetupException {
        PrivateKey key = PemFiles.privateKey(file);
        Set<PosixFilePermission> others = PemFiles.accessByOthers(file);
        if (!others.isEmpty()) {
            LOG.warn("private key file {} can be read or written by other users ({}); restrict it with "
                + "'chmod 600'", file, others);
        }
        return key;
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
        return Certificates.peerCertificate(tls.engine().getSession()).orElse(null);
    }

    @Override
    public String toString() {
        return description;
    }
}
