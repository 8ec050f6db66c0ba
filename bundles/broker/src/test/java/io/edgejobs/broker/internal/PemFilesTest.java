package io.edgejobs.broker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    private static final TestPki PKI = TestPki.get();

    @TempDir
    Path dir;

    @Test
    void givenTheSameRsaKeyAsPkcs8AndAsPkcs1_thenBothReadTheSameKey() throws Exception {
        PrivateKey fromPkcs8 = PemFiles.privateKey(PKI.server().pkcs8KeyFile());
        PrivateKey fromPkcs1 = PemFiles.privateKey(PKI.server().pkcs1KeyFile());

        assertArrayEquals(PKI.server().key().getEncoded(), fromPkcs8.getEncoded());
        assertArrayEquals(PKI.server().key().getEncoded(), fromPkcs1.getEncoded());
    }

    @Test
    void givenASec1EcKeyNamingItsCurve_thenItIsRead() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPrivateKey key = (ECPrivateKey) generator.generateKeyPair().getPrivate();
        byte[] scalar = unsigned32(key.getS());
        // ECPrivateKey ::= SEQUENCE { 1, OCTET STRING scalar, [0] { OID prime256v1 } }
        byte[] curve = HexFormat.of().parseHex("06082a8648ce3d030107");
        byte[] sec1 = der(0x30, der(0x02, new byte[] {1}), der(0x04, scalar), der(0xA0, curve));
        Path file = secret("ec.key", TestPki.pem("EC PRIVATE KEY", sec1));

        ECPrivateKey read = (ECPrivateKey) PemFiles.privateKey(file);

        assertEquals(key.getS(), read.getS());
    }

    @Test
    void givenAnEncryptedKey_thenItIsRefusedWithTheWayOut() throws Exception {
        Path pkcs8 = secret("enc.key", TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}));
        Path legacy = secret("legacy.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
            + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nMAA=\n-----END RSA PRIVATE KEY-----\n");

        for (Path file : new Path[] {pkcs8, legacy}) {
            TlsSetupException refused = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(file));
            assertTrue(refused.getMessage().contains("the key is encrypted") && refused.getMessage().contains("0600"),
                refused.getMessage());
        }
    }

    @Test
    void givenAKeyReadableByOthers_thenItIsUsedWithAWarning() throws Exception {
        Path open = dir.resolve("open.key");
        Files.copy(PKI.server().pkcs8KeyFile(), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));

        String log;
        try (LogCapture capture = new LogCapture()) {
            PemFiles.privateKey(open);
            log = capture.text();
        }

        assertTrue(log.contains("can be read or written by other users"), log);
    }

    @Test
    void givenGarbage_thenTheMessageNamesTheFileButNoKeyBytes() throws Exception {
        Path damaged = secret("damaged.key", TestPki.pem("RSA PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01}));
        Path noBase64 = secret("nobase64.key", "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n");

        TlsSetupException bad = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(damaged));
        TlsSetupException notBase64 = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(noBase64));
        TlsSetupException noCertificate = assertThrows(TlsSetupException.class,
            () -> PemFiles.certificates(damaged, "client CA file"));

        assertTrue(bad.getMessage().contains("damaged.key") && bad.getMessage().contains("cannot be read"),
            bad.getMessage());
        assertTrue(notBase64.getMessage().contains("not valid Base64"), notBase64.getMessage());
        assertTrue(noCertificate.getMessage().contains("no PEM CERTIFICATE block"), noCertificate.getMessage());
    }

    private Path secret(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(content::writeBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.write(content.size()); // all items here are shorter than 128 bytes
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
