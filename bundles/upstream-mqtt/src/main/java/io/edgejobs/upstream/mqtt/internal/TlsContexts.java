package io.edgejobs.upstream.mqtt.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
        List<X509Certificate> chain = certificates(settings.certificate(), "client certificate");
        PrivateKey key = PemPrivateKeys.read(text(settings.privateKey(), "private key"),
                settings.privateKey().toString(), settings.privateKeyPassword());
        X509Certificate leaf = chain.get(0);
        requireMatchingKey(leaf, key, settings);
        warnIfExpired(leaf, settings.certificate());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(chain, key), trustManagers(settings.trustedCas()), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot set up TLS: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key)
            throws GeneralSecurityException {
        char[] storePassword = randomPassword();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, storePassword, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, storePassword);
            return factory.getKeyManagers();
        } catch (IOException e) {
            throw new GeneralSecurityException("in-memory key store: " + e.getMessage(), e);
        } finally {
            Arrays.fill(storePassword, '\0');
        }
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path trustedCas)
            throws GeneralSecurityException, TlsSetupException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trustedCas == null) {
            factory.init((KeyStore) null);
            return factory.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("in-memory trust store: " + e.getMessage(), e);
        }
        List<X509Certificate> cas = certificates(trustedCas, "CA certificates");
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        factory.init(store);
        return factory.getTrustManagers();
    }

    static List<X509Certificate> certificates(Path file, String what) throws TlsSetupException {
        byte[] bytes = text(file, what).getBytes(StandardCharsets.US_ASCII);
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new TlsSetupException(what + " file " + file + ": no certificate in it");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new TlsSetupException(what + " file " + file + ": not a PEM X.509 certificate ("
                    + e.getMessage() + ")");
        }
    }

    private static String text(Path file, String what) throws TlsSetupException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsSetupException(what + " file " + file + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Signs a nonce with the key and verifies it with the certificate: a mismatch fails here, not at AWS. */
    private static void requireMatchingKey(X509Certificate certificate, PrivateKey key, TlsSettings settings)
            throws TlsSetupException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null || !certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new TlsSetupException("private key " + settings.privateKey() + " (" + key.getAlgorithm()
                    + ") does not belong to certificate " + settings.certificate() + " ("
                    + certificate.getPublicKey().getAlgorithm() + ")");
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
                throw new TlsSetupException("private key " + settings.privateKey()
                        + " does not belong to certificate " + settings.certificate());
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("private key " + settings.privateKey() + " cannot be checked against "
                    + settings.certificate() + ": " + e.getClass().getSimpleName());
        }
    }

    private static void warnIfExpired(X509Certificate certificate, Path file) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now())) {
            LOG.warn("client certificate {} ({}) expired at {}; AWS IoT Core will refuse the connection", file,
                    certificate.getSubjectX500Principal().getName(), notAfter);
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        return password;
    }
}
