package io.edgejobs.device.http.internal;

import io.edgejobs.tls.Certificates;
import io.edgejobs.tls.PemFiles;
import io.edgejobs.tls.SslContexts;
import io.edgejobs.tls.TlsSetupException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's SSLContext from PEM files: the server certificate and key, and (for mutual TLS) only the
 * configured device CAs as trust anchors, never the JVM's public CAs; refused device certificates are logged.
 */
final class ServerTlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTlsContexts.class);

    private ServerTlsContexts() {
    }

    static SSLContext create(TlsFiles files) throws TlsSetupException {
        List<X509Certificate> chain = PemFiles.certificates(files.certificate(), "server certificate");
        PrivateKey key = PemFiles.privateKey(files.privateKey());
        Certificates.requireKeyOf(chain.get(0), key, files.privateKey(), files.certificate());
        warnIfExpired(chain.get(0), files);
        return SslContexts.server(chain, key, files.mutual() ? trustManagers(files) : null);
    }

    private static TrustManager[] trustManagers(TlsFiles files) throws TlsSetupException {
        TrustManager[] managers = SslContexts.trustManagers(PemFiles.certificates(files.deviceCas(), "device CA"));
        for (int i = 0; i < managers.length; i++) {
            if (managers[i] instanceof X509ExtendedTrustManager x509) {
                managers[i] = new RefusalLoggingTrustManager(x509);
            }
        }
        return managers;
    }

    private static void warnIfExpired(X509Certificate certificate, TlsFiles files) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now())) {
            LOG.warn("server certificate {} ({}) expired at {}; devices will refuse the connection",
                    files.certificate(), certificate.getSubjectX500Principal().getName(), notAfter);
        }
    }
}
