package io.edgejobs.tls;

import static io.edgejobs.tls.TlsFixtures.pem;
import static io.edgejobs.tls.TlsFixtures.tls;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    @TempDir
    Path dir;

    @Test
    void givenTheSameRsaKeyAsPkcs8AndAsPkcs1_thenBothReadTheSameKey() throws Exception {
        PrivateKey fromPkcs1 = PemFiles.privateKey(tls("client-rsa-pkcs1.key"));
        PrivateKey fromPkcs8 = PemFiles.privateKey(tls("client-rsa-pkcs8.key"));

        assertEquals("RSA", fromPkcs1.getAlgorithm());
        assertArrayEquals(fromPkcs8.getEncoded(), fromPkcs1.getEncoded());
    }

    @Test
    void givenAnEncryptedKeyAndItsPassword_thenItIsRead() throws Exception {
        PrivateKey encrypted = PemFiles.privateKey(tls("client-rsa-pkcs1-aes256.key"),
                TlsFixtures.KEY_PASSWORD.toCharArray());

        assertArrayEquals(PemFiles.privateKey(tls("client-rsa-pkcs8.key")).getEncoded(), encrypted.getEncoded());
    }

    @Test
    void givenAnEncryptedKeyWithoutPassword_thenTheMessageNamesTheFileAndTheWayOut() {
        EncryptedKeyException refused = assertThrows(EncryptedKeyException.class,
                () -> PemFiles.privateKey(tls("client-rsa-pkcs8-encrypted.key")));

        assertTrue(refused.getMessage().startsWith("private key file " + tls("client-rsa-pkcs8-encrypted.key")
                + ": the key is encrypted"), refused.getMessage());
        assertTrue(refused.getMessage().contains("openssl pkcs8"), refused.getMessage());
    }

    @Test
    void givenAChain_thenEveryCertificateIsReadInFileOrder() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, "Bag Attributes: ignored\n" + Files.readString(tls("client-rsa.pem"))
                + Files.readString(tls("client-rsa-pkcs8.key")) + Files.readString(tls("ca.pem")));

        List<X509Certificate> certificates = PemFiles.certificates(chain, "certificate chain");

        assertEquals(2, certificates.size());
        assertEquals("CN=edgejobs-gateway-test", certificates.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=Edgejobs Test Root CA", certificates.get(1).getSubjectX500Principal().getName());
    }

    @Test
    void givenGarbage_thenTheMessageNamesTheFileButNoKeyBytes() throws Exception {
        Path damaged = secret("damaged.key", pem("RSA PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01}));
        Path noBase64 = secret("nobase64.key", "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n");

        TlsSetupException bad = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(damaged));
        TlsSetupException notBase64 = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(noBase64));
        TlsSetupException noCertificate = assertThrows(TlsSetupException.class,
                () -> PemFiles.certificates(damaged, "client CA"));

        assertTrue(bad.getMessage().contains("damaged.key") && bad.getMessage().contains("cannot be read"),
                bad.getMessage());
        assertTrue(!bad.getMessage().contains("MAMCAQ"), bad.getMessage());
        assertTrue(notBase64.getMessage().contains("not valid Base64"), notBase64.getMessage());
        assertTrue(noCertificate.getMessage().startsWith("client CA file " + damaged + ": no PEM CERTIFICATE block"),
                noCertificate.getMessage());
    }

    @Test
    void givenAFileWithoutKeyOrCertificateOrNoFileAtAll_thenTheMessageNamesIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        TlsSetupException key = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(empty));
        TlsSetupException missing = assertThrows(TlsSetupException.class,
                () -> PemFiles.certificates(dir.resolve("missing.pem"), "server certificate"));

        assertTrue(key.getMessage().contains("empty.pem"), key.getMessage());
        assertTrue(missing.getMessage().startsWith("server certificate file " + dir.resolve("missing.pem")
                + " cannot be read: NoSuchFileException"), missing.getMessage());
    }

    @Test
    void givenAKeyReadableByOthers_thenTheirAccessIsReported() throws Exception {
        Path open = dir.resolve("open.key");
        Files.copy(tls("client-rsa-pkcs8.key"), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path closed = secret("closed.key", Files.readString(open));

        assertEquals(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ),
                PemFiles.accessByOthers(open));
        assertEquals(Set.of(), PemFiles.accessByOthers(closed));
        assertEquals(Set.of(), PemFiles.accessByOthers(dir.resolve("missing.key")));
    }

    private Path secret(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
