package io.edgejobs.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK SSLContexts from certificates and keys read with {@link PemFiles}. The key sits in an in-memory PKCS#12 store
 * protected by a random password that never leaves this class.
 */
public final class SslContexts {

    /** The protocols a server offers, newest first: TLS 1.3 and 1.2, nothing older. */
    public static final List<String> SERVER_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private SslContexts() {
    }

    /**
     * A server context.
     *
     * @param chain the server certificate, then its chain
     * @param key the server certificate's key (see {@link Certificates#requireKeyOf})
     * @param clientTrust the trust managers that check client certificates (from {@link #trustManagers}, possibly
     *     wrapped to log refusals), or null when clients present none. The caller still asks engines or sockets to
     *     require client certificates
     * @throws TlsSetupException when the JDK cannot build the context (message safe to log)
     */
    public static SSLContext server(List<X509Certificate> chain, PrivateKey key, TrustManager[] clientTrust)
            throws TlsSetupException {
        return context(keyManagers("server", chain, key), clientTrust);
    }

    /**
     * A client context that authenticates with a certificate.
     *
     * @param chain the client certificate, then its chain
     * @param key the client certificate's key
     * @param trustedCas the CAs server certificates must chain to, or null for the Java runtime's default trust store
     * @throws TlsSetupException when the JDK cannot build the context (message safe to log)
     */
    public static SSLContext client(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trustedCas)
            throws TlsSetupException {
        return context(keyManagers("client", chain, key),
                trustedCas == null ? defaultTrustManagers() : trustManagers(trustedCas));
    }

    /**
     * Trust managers (PKIX) with exactly these CAs as trust anchors, never the runtime's public CAs.
     *
     * @param cas at least one CA certificate
     * @throws TlsSetupException when the JDK cannot build them
     */
    public static TrustManager[] trustManagers(List<X509Certificate> cas) throws TlsSetupException {
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw failure("trust store", e);
        }
    }

    /**
     * The protocols of {@link #SERVER_PROTOCOLS} the context supports, for
     * {@link javax.net.ssl.SSLEngine#setEnabledProtocols} or {@link javax.net.ssl.SSLParameters#setProtocols}.
     */
    public static String[] serverProtocols(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        return SERVER_PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
    }

    private static TrustManager[] defaultTrustManagers() throws TlsSetupException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw failure("default trust store", e);
        }
    }

    private static KeyManager[] keyManagers(String alias, List<X509Certificate> chain, PrivateKey key)
            throws TlsSetupException {
        char[] password = randomPassword();
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw failure("key store", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws TlsSetupException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw failure("context", e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static TlsSetupException failure(String what, Exception e) {
        return new TlsSetupException("cannot set up TLS (in-memory " + what + "): " + e.getClass().getSimpleName()
                + ": " + e.getMessage(), e);
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
