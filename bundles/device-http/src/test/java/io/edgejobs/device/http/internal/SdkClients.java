package io.edgejobs.device.http.internal;

import io.edgejobs.tls.PemFiles;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLEngine;
import java.net.Socket;
import java.security.Principal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotjobsdataplane.IotJobsDataPlaneClient;

/**
 * The official AWS SDK for Java v2 iot-jobs-data client, pointed at the gateway: any static credentials (it signs
 * with SigV4, the gateway ignores the signature), us-east-1, no retries (a test sees the first answer), and for
 * HTTPS the test CA as trust anchor plus, for mutual TLS, a device certificate.
 */
final class SdkClients {
    static final Path TLS = Path.of("src/test/resources/tls");

    private SdkClients() {
    }

    static IotJobsDataPlaneClient plain(int port) {
        return client(URI.create("http://127.0.0.1:" + port), ApacheHttpClient.builder());
    }

    /** HTTPS trusting the test CA, without a client certificate. */
    static IotJobsDataPlaneClient https(int port) {
        return client(URI.create("https://127.0.0.1:" + port),
                ApacheHttpClient.builder().tlsTrustManagersProvider(SdkClients::trustTestCa));
    }

    /** HTTPS with the device certificate {@code <name>.pem} and key {@code <name>.key} of the fixtures. */
    static IotJobsDataPlaneClient mutualTls(int port, String name) {
        KeyManager[] keyManagers = keyManagers(TLS.resolve(name + ".pem"), TLS.resolve(name + ".key"));
        return client(URI.create("https://127.0.0.1:" + port), ApacheHttpClient.builder()
                .tlsTrustManagersProvider(SdkClients::trustTestCa).tlsKeyManagersProvider(() -> keyManagers));
    }

    private static IotJobsDataPlaneClient client(URI endpoint, ApacheHttpClient.Builder http) {
        return IotJobsDataPlaneClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(http.build()).build();
    }

    static TrustManager[] trustTestCa() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", PemFiles.certificates(TLS.resolve("device-ca.pem"), "CA").get(0));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyManager[] keyManagers(Path certificate, Path key) {
        try {
            List<X509Certificate> chain = PemFiles.certificates(certificate, "client certificate");
            PrivateKey privateKey = PemFiles.privateKey(key);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("device", privateKey, "pw".toCharArray(), chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, "pw".toCharArray());
            X509ExtendedKeyManager delegate = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
            return new KeyManager[] {new AlwaysPresenting(delegate)};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Presents the device certificate whatever CAs the server asks for, as a misconfigured or hostile device would,
     * so that the server's trust check (not the client's key selection) refuses a foreign certificate.
     */
    private static final class AlwaysPresenting extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysPresenting(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "device";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "device";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"device"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
