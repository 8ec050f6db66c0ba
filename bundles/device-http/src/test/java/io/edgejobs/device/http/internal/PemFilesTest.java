package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    private static final Path TLS = SdkClients.TLS;

    @TempDir
    Path dir;

    @Test
    void aPkcs1AndAPkcs8RsaKeyAreTheSameKey() throws Exception {
        PrivateKey pkcs1 = PemFiles.privateKey(TLS.resolve("server-pkcs1.key"));
        PrivateKey pkcs8 = PemFiles.privateKey(TLS.resolve("server-pkcs8.key"));
        assertEquals("RSA", pkcs1.getAlgorithm());
        assertArrayEquals(pkcs8.getEncoded(), pkcs1.getEncoded());
    }

    @Test
    void aPkcs8EcKeyIsRead() throws Exception {
        assertEquals("EC", PemFiles.privateKey(TLS.resolve("thing-b.key")).getAlgorithm());
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheConversionCommand() {
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> PemFiles.privateKey(TLS.resolve("server-encrypted.key")));
        assertTrue(e.getMessage().contains("encrypted") && e.getMessage().contains("openssl pkcs8"), e.getMessage());
    }

    @Test
    void aFileWithoutKeyOrCertificateIsRefusedWithItsName() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        TlsSetupException key = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(empty));
        assertTrue(key.getMessage().contains("empty.pem"), key.getMessage());
        TlsSetupException missing = assertThrows(TlsSetupException.class,
                () -> PemFiles.certificates(dir.resolve("missing.pem"), "server certificate"));
        assertTrue(missing.getMessage().contains("missing.pem"), missing.getMessage());
    }

    @Test
    void theDerLengthUsesTheLongFormAbove127Bytes() {
        assertArrayEquals(new byte[] {0x04, 0x02, 1, 2}, PemFiles.der(0x04, new byte[] {1, 2}));
        byte[] long300 = PemFiles.der(0x30, new byte[300]);
        assertArrayEquals(new byte[] {0x30, (byte) 0x82, 0x01, 0x2c}, java.util.Arrays.copyOf(long300, 4));
        assertEquals(304, long300.length);
    }

    @Test
    void aServerContextIsBuiltFromMatchingFiles() throws Exception {
        assertNotNull(ServerTlsContexts.create(new TlsFiles(TLS.resolve("server.pem"), TLS.resolve("server-pkcs1.key"),
                TLS.resolve("device-ca.pem"))));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        TlsSetupException rsa = assertThrows(TlsSetupException.class, () -> ServerTlsContexts.create(
                new TlsFiles(TLS.resolve("server.pem"), TLS.resolve("thing-a.key"), null)));
        assertTrue(rsa.getMessage().contains("does not belong"), rsa.getMessage());
        TlsSetupException ec = assertThrows(TlsSetupException.class, () -> ServerTlsContexts.create(
                new TlsFiles(TLS.resolve("server.pem"), TLS.resolve("thing-b.key"), null)));
        assertTrue(ec.getMessage().contains("does not belong"), ec.getMessage());
        assertFalse(ec.getMessage().contains("BEGIN"), "no key material in messages");
    }
}
