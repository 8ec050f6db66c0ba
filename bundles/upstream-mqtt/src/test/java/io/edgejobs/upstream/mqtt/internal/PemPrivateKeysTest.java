package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.Fixtures.KEY_PASSWORD;
import static io.edgejobs.upstream.mqtt.internal.Fixtures.tls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PemPrivateKeysTest {

    private static PrivateKey read(String file, String password) throws Exception {
        return PemPrivateKeys.read(Files.readString(tls(file), StandardCharsets.US_ASCII), file,
                Secret.of(password));
    }

    private static PublicKey publicKeyOf(String certificate) throws Exception {
        X509Certificate cert = TlsContexts.certificates(tls(certificate), "certificate").get(0);
        return cert.getPublicKey();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "client-rsa-pkcs1.key,           , client-rsa.pem, RSA",
        "client-rsa-pkcs8.key,           , client-rsa.pem, RSA",
        "client-rsa-pkcs8-encrypted.key, " + KEY_PASSWORD + ", client-rsa.pem, RSA",
        "client-rsa-pkcs1-aes256.key,    " + KEY_PASSWORD + ", client-rsa.pem, RSA",
        "client-rsa-pkcs1-des3.key,      " + KEY_PASSWORD + ", client-rsa.pem, RSA",
        "client-ec-sec1.key,             , client-ec.pem,  EC",
        "client-ec-pkcs8.key,            , client-ec.pem,  EC",
        "client-ec-sec1-aes128.key,      " + KEY_PASSWORD + ", client-ec.pem,  EC",
    })
    void everyKeyFormatReadsToTheKeyOfItsCertificate(String file, String password, String certificate,
            String algorithm) throws Exception {
        PrivateKey key = read(file, password);

        assertEquals(algorithm, key.getAlgorithm());
        String signatureAlgorithm = algorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(publicKeyOf(certificate));
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
    }

    @Test
    void theAwsFormIsPkcs1Rsa() throws Exception {
        assertTrue(Files.readString(tls("client-rsa-pkcs1.key")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    }

    @ParameterizedTest
    @CsvSource({"client-rsa-pkcs8-encrypted.key", "client-rsa-pkcs1-aes256.key", "client-ec-sec1-aes128.key"})
    void aWrongPasswordIsReportedWithoutThePassword(String file) {
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> read(file, "not-the-Password-77"));

        assertTrue(e.getMessage().contains("cannot decrypt"), e.getMessage());
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-Password-77"));
    }

    @Test
    void anEncryptedKeyWithoutPasswordSaysWhatToConfigure() {
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> read("client-rsa-pkcs8-encrypted.key", ""));

        assertTrue(e.getMessage().contains("configure privateKeyPassword"), e.getMessage());
    }

    @Test
    void aFileWithoutAKeyNamesWhatItFound() {
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> read("client-rsa.pem", ""));

        assertTrue(e.getMessage().contains("no PEM private key block (found [CERTIFICATE])"), e.getMessage());
    }

    @Test
    void damagedKeyBytesAreReportedAsNotWellFormedWithoutTheBytes() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n";

        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> PemPrivateKeys.read(pem, "broken.key", Secret.NONE));

        assertTrue(e.getMessage().startsWith("broken.key: the RSA PRIVATE KEY is not well-formed"), e.getMessage());
        assertFalse(e.getMessage().contains("MIIBOgIBAAJBAK"));
    }

    @Test
    void bodyThatIsNotBase64IsReported() {
        String pem = "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n";

        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> PemPrivateKeys.read(pem, "x.key", Secret.NONE));

        assertTrue(e.getMessage().contains("not valid Base64"), e.getMessage());
    }

    @Test
    void keyAlgorithmsAwsDoesNotUseForClientCertificatesAreRefusedByName() throws Exception {
        byte[] pkcs8 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()
                .getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";

        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> PemPrivateKeys.read(pem, "ed25519.key", Secret.NONE));

        assertTrue(e.getMessage().contains("is not supported (AWS IoT client certificates use RSA or EC keys)"),
                e.getMessage());
    }
}
