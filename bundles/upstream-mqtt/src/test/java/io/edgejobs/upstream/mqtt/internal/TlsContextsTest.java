package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.tls.TlsFixtures.KEY_PASSWORD;
import static io.edgejobs.tls.TlsFixtures.tls;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.tls.TlsSetupException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upstream's use of the TLS library: key passwords (the key formats themselves are tested in bundles/tls). */
class TlsContextsTest {

    private static TlsSettings settings(String key, Secret password) {
        return new TlsSettings(tls("client-rsa.pem"), tls(key), password, tls("ca.pem"), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-rsa-pkcs8-encrypted.key", "client-rsa-pkcs1-aes256.key",
        "client-rsa-pkcs1-des3.key"})
    void anEncryptedKeyWithItsPasswordMakesAContext(String key) throws Exception {
        assertNotNull(TlsContexts.create(settings(key, Secret.of(KEY_PASSWORD))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-rsa-pkcs8-encrypted.key", "client-rsa-pkcs1-aes256.key"})
    void anEncryptedKeyWithoutPasswordSaysWhatToConfigure(String key) {
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> TlsContexts.create(settings(key, Secret.NONE)));

        assertTrue(e.getMessage().contains(key) && e.getMessage().contains("configure privateKeyPassword"),
                e.getMessage());
    }
}
