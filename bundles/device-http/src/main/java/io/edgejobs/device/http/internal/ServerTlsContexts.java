package io.edgejobs.device.http.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's SSLContext from PEM files: the server certificate and key, and (for mutual TLS) only the
 * configured device CAs as trust anchors, never the JVM's public CAs.
 */
final class ServerTlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTlsContexts.class);

    private ServerTlsContexts() {
    }

    static SSLContext create(TlsFiles files) throws TlsSetupException {
        List<X509Certificate> chain = PemFiles.certificates(files.certificate(), "server certificate");
        PrivateKey key = PemFiles.privateKey(files.privateKey());
        requireMatchingKey(chain.get(0), key, files);
        warnIfExpired(chain.get(0), files);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(chain, key), files.mutual() ? trustManagers(files) : null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot set up TLS: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key)
            throws GeneralSecurityException {
        char[] password = new char[24];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (IOException e) {
            throw new GeneralSecurityException("in-memory key store: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static TrustManager[] trustManagers(TlsFiles files) throws GeneralSecurityException, TlsSetupException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("in-memory trust store: " + e.getMessage(), e);
        }
        List<X509Certificate> cas = PemFiles.certificates(files.deviceCas(), "device CA");
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("device-ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        TrustManager[] managers = factory.getTrustManagers();
        for (int i = 0; i < managers.length; i++) {
            if (managers[i] instanceof X509ExtendedTrustManager x509) {
                managers[i] = new RefusalLoggingTrustManager(x509);
            }
        }
        return managers;
    }

    /** Signs a nonce with the key and verifies it with the certificate: a mismatch fails at start, not per client. */
    private static void requireMatchingKey(X509Certificate certificate, PrivateKey key, TlsFiles files)
            throws TlsSetupException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        String mismatch = "private key " + files.privateKey() + " does not belong to certificate "
                + files.certificate();
        if (algorithm == null || !certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new TlsSetupException(mismatch + " (" + key.getAlgorithm() + " key, "
                    + certificate.getPublicKey().getAlgorithm() + " certificate)");
        }
        try {
            byte[] nonce = new byte[32];
            new SecureRandom().nextBytes(nonce);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(nonce);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(nonce);
            if (!verifier.verify(signature)) {
                throw new TlsSetupException(mismatch);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(mismatch + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void warnIfExpired(X509Certificate certificate, TlsFiles files) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now())) {
            LOG.warn("server certificate {} ({}) expired at {}; devices will refuse the connection",
                    files.certificate(), certificate.getSubjectX500Principal().getName(), notAfter);
        }
    }
}
