package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.tls.EncryptedKeyException;
import io.edgejobs.tls.TlsSetupException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The listener's files on top of the TLS library (the PEM forms themselves are tested in bundles/tls). */
class ServerTlsContextsTest {

    private static final Path TLS = SdkClients.TLS;

    @Test
    void aServerContextIsBuiltFromMatchingFiles() throws Exception {
        assertNotNull(ServerTlsContexts.create(new TlsFiles(TLS.resolve("server.pem"), TLS.resolve("server-pkcs1.key"),
                TLS.resolve("device-ca.pem"))));
        assertNotNull(ServerTlsContexts.create(new TlsFiles(TLS.resolve("server.pem"), TLS.resolve("server-pkcs8.key"),
                null)));
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheConversionCommand() {
        EncryptedKeyException e = assertThrows(EncryptedKeyException.class, () -> ServerTlsContexts.create(
                new TlsFiles(TLS.resolve("server.pem"), TLS.resolve("server-encrypted.key"), null)));
        assertTrue(e.getMessage().contains("encrypted") && e.getMessage().contains("openssl pkcs8"), e.getMessage());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        TlsSetupException rsa = assertThrows(TlsSetupException.class,
                () -> ServerTlsContexts.create(new TlsFiles(TLS.resolve("server.pem"), TLS.resolve("thing-a.key"),
                        null)));
        assertTrue(rsa.getMessage().contains("does not belong"), rsa.getMessage());
        TlsSetupException ec = assertThrows(TlsSetupException.class,
                () -> ServerTlsContexts.create(new TlsFiles(TLS.resolve("server.pem"), TLS.resolve("thing-b.key"),
                        null)));
        assertTrue(ec.getMessage().contains("does not belong"), ec.getMessage());
        assertFalse(ec.getMessage().contains("BEGIN"), "no key material in messages");
    }

    @Test
    void aMissingDeviceCaFileIsRefusedWithItsName() {
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> ServerTlsContexts.create(new TlsFiles(TLS.resolve("server.pem"),
                        TLS.resolve("server-pkcs1.key"), TLS.resolve("missing-ca.pem"))));
        assertTrue(e.getMessage().startsWith("device CA file " + TLS.resolve("missing-ca.pem") + " cannot be read"),
                e.getMessage());
    }
}
