package io.edgejobs.broker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test certificates made at test time with the JDK's {@code keytool} (one temporary directory per test JVM, made on
 * first use): a test CA that signs the gateway's server certificate ({@code localhost}, 127.0.0.1) and the devices'
 * certificates, and a foreign CA that signs certificates the gateway must not trust. Keys are RSA 2048, written
 * unencrypted with mode 0600 as PKCS#8 ({@code BEGIN PRIVATE KEY}) and as PKCS#1 ({@code BEGIN RSA PRIVATE KEY},
 * the form AWS IoT issues).
 */
public final class TestPki {

    private static final String PASSWORD = "test-only";
    private static TestPki instance;

    /**
     * A certificate with its key.
     *
     * @param certificateFile the certificate alone (PEM)
     * @param chainFile the certificate then its CA's (PEM)
     * @param pkcs8KeyFile the key as {@code BEGIN PRIVATE KEY}
     * @param pkcs1KeyFile the key as {@code BEGIN RSA PRIVATE KEY}
     */
    public record Issued(String commonName, X509Certificate certificate, PrivateKey key, List<X509Certificate> chain,
                         Path certificateFile, Path chainFile, Path pkcs8KeyFile, Path pkcs1KeyFile) {
    }

    private final Path dir;
    private final Path store;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    private TestPki(Path dir) {
        this.dir = dir;
        this.store = dir.resolve("pki.p12");
    }

    /** The shared instance; the CAs and the server certificate are made on the first call. */
    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("edgejobs-pki");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                TestPki pki = new TestPki(dir);
                pki.makeCa("ca", "CN=Edgejobs Test CA");
                pki.makeCa("foreign-ca", "CN=Foreign Test CA");
                pki.issued.put("server",
                    pki.issue("ca", "server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1", "eku=serverAuth"));
                instance = pki;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("test PKI cannot be made", e);
            }
        }
        return instance;
    }

    /** The test CA's certificate (PEM): trusted for device certificates, and the issuer of the server's. */
    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    /** The server certificate for localhost / 127.0.0.1, issued by the test CA. */
    public Issued server() {
        return issued.get("server");
    }

    /** A device certificate with {@code CN=commonName}, issued by the test CA. */
    public Issued device(String commonName) {
        return issuedBy("ca", "device-" + commonName, commonName);
    }

    /** A device certificate with {@code CN=commonName}, issued by the foreign CA. */
    public Issued foreignDevice(String commonName) {
        return issuedBy("foreign-ca", "foreign-" + commonName, commonName);
    }

    private Issued issuedBy(String ca, String alias, String commonName) {
        synchronized (this) {
            return issued.computeIfAbsent(alias, a -> {
                try {
                    return issue(ca, a, "CN=" + commonName, null, "eku=clientAuth");
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalStateException("cannot issue " + alias, e);
                }
            });
        }
    }

    /** A client context trusting the test CA, presenting {@code client} when not null. */
    public SSLContext clientContext(Issued client, String... protocols) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificates(caFile()).get(0));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            keys.setKeyEntry("client", client.key(), PASSWORD.toCharArray(), client.chain().toArray(Certificate[]::new));
        }
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance(protocols.length == 0 ? "TLS" : protocols[0]);
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private void makeCa(String alias, String dname) throws IOException, GeneralSecurityException {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname,
            "-ext", "bc:c", "-validity", "2");
        Files.writeString(dir.resolve(alias + ".pem"), pem("CERTIFICATE", load().getCertificate(alias).getEncoded()));
    }

    private Issued issue(String ca, String alias, String dname, String san, String eku)
        throws IOException, GeneralSecurityException {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname,
            "-validity", "2");
        Path request = dir.resolve(alias + ".csr");
        Path certificateFile = dir.resolve(alias + ".pem");
        keytool("-certreq", "-alias", alias, "-file", request.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", ca, "-infile", request.toString(),
            "-outfile", certificateFile.toString(), "-rfc", "-validity", "2", "-ext", eku));
        if (san != null) {
            gencert.addAll(List.of("-ext", san));
        }
        keytool(gencert.toArray(String[]::new));
        KeyStore keys = load();
        PrivateKey key = (PrivateKey) keys.getKey(alias, PASSWORD.toCharArray());
        X509Certificate certificate = certificates(certificateFile).get(0);
        X509Certificate caCertificate = certificates(dir.resolve(ca + ".pem")).get(0);
        Path chainFile = dir.resolve(alias + "-chain.pem");
        Files.writeString(chainFile, Files.readString(certificateFile) + Files.readString(dir.resolve(ca + ".pem")));
        Path pkcs8 = secret(dir.resolve(alias + "-pkcs8.key"), pem("PRIVATE KEY", key.getEncoded()));
        Path pkcs1 = secret(dir.resolve(alias + "-pkcs1.key"), pem("RSA PRIVATE KEY", pkcs1Of(key.getEncoded())));
        String commonName = dname.substring("CN=".length());
        return new Issued(commonName, certificate, key, List.of(certificate, caCertificate), certificateFile,
            chainFile, pkcs8, pkcs1);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    private static Path secret(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The RSAPrivateKey inside a PrivateKeyInfo: its last item, an OCTET STRING. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int[] outer = header(pkcs8, 0);
        int position = outer[0];
        int end = outer[0] + outer[1];
        int[] item = null;
        while (position < end) {
            item = header(pkcs8, position);
            if (pkcs8[position] == 0x04) {
                return Arrays.copyOfRange(pkcs8, item[0], item[0] + item[1]);
            }
            position = item[0] + item[1];
        }
        throw new IllegalStateException("no OCTET STRING in the PKCS#8 key");
    }

    /** {content offset, content length} of the DER item at {@code offset}. */
    private static int[] header(byte[] der, int offset) {
        int length = der[offset + 1] & 0xff;
        int p = offset + 2;
        if (length >= 0x80) {
            int count = length & 0x7f;
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[p++] & 0xff);
            }
        }
        return new int[] {p, length};
    }

    /** The certificates of a PEM file. */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                .map(X509Certificate.class::cast).toList();
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-J-XX:TieredStopAtLevel=1", "-keystore", store.toString(), "-storetype", "PKCS12",
            "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
