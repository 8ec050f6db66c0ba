package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.tls.Certificates;
import io.edgejobs.tls.EncryptedKeyException;
import io.edgejobs.tls.PemFiles;
import io.edgejobs.tls.SslContexts;
import io.edgejobs.tls.TlsSetupException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the SSLContext of a connection from PEM files: the client certificate and key, the trusted CAs. */
final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    /**
     * Reads the files and builds a context; called for every connection attempt so that renewed files are used.
     *
     * @throws TlsSetupException with a message that names the file and the problem (safe to log)
     */
    static SSLContext create(TlsSettings settings) throws TlsSetupException {
        List<X509Certificate> chain = PemFiles.certificates(settings.certificate(), "client certificate");
        PrivateKey key = privateKey(settings);
        X509Certificate leaf = chain.get(0);
        Certificates.requireKeyOf(leaf, key, settings.privateKey(), settings.certificate());
        warnIfExpired(leaf, settings.certificate());
        List<X509Certificate> trustedCas = settings.trustedCas() == null ? null
                : PemFiles.certificates(settings.trustedCas(), "CA certificates");
        return SslContexts.client(chain, key, trustedCas);
    }

    /** The key, decrypted with the configured password; an encrypted key without one names the setting. */
    private static PrivateKey privateKey(TlsSettings settings) throws TlsSetupException {
        char[] password = settings.privateKeyPassword().chars();
        try {
            return PemFiles.privateKey(settings.privateKey(), password);
        } catch (EncryptedKeyException e) {
            throw new TlsSetupException(e.source() + ": the private key is encrypted; configure privateKeyPassword");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void warnIfExpired(X509Certificate certificate, Path file) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now())) {
            LOG.warn("client certificate {} ({}) expired at {}; AWS IoT Core will refuse the connection", file,
                    certificate.getSubjectX500Principal().getName(), notAfter);
        }
    }
}
