package io.edgejobs.tls;

import static io.edgejobs.tls.TlsFixtures.KEY_PASSWORD;
import static io.edgejobs.tls.TlsFixtures.pem;
import static io.edgejobs.tls.TlsFixtures.tls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeysTest {

    private static PrivateKey read(String file, String password) throws Exception {
        return PrivateKeys.fromPem(Files.readString(tls(file), StandardCharsets.US_ASCII), file,
                password == null ? null : password.toCharArray());
    }

    private static PublicKey publicKeyOf(String certificate) throws Exception {
        return PemFiles.certificates(tls(certificate), "certificate").get(0).getPublicKey();
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
        // given a key in one of the PEM forms, when read, then it signs what the certificate's public key verifies
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

    @Test
    void aSec1EcKeyNamingItsCurveIsRead() throws Exception {
        // given a SEC1 key made here (not by openssl) that names its curve in its [0] parameters
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPrivateKey key = (ECPrivateKey) generator.generateKeyPair().getPrivate();
        byte[] curve = HexFormat.of().parseHex("06082a8648ce3d030107");
        byte[] sec1 = der(0x30, der(0x02, new byte[] {1}), der(0x04, unsigned32(key.getS())), der(0xA0, curve));

        // when read, then it is the same key
        ECPrivateKey read = (ECPrivateKey) PrivateKeys.fromPem(pem("EC PRIVATE KEY", sec1), "ec.key", null);

        assertEquals(key.getS(), read.getS());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-rsa-pkcs8-encrypted.key", "client-rsa-pkcs1-aes256.key",
        "client-ec-sec1-aes128.key"})
    void aWrongPasswordIsReportedWithoutThePassword(String file) {
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> read(file, "not-the-Password-77"));

        assertTrue(e.getMessage().contains("cannot decrypt"), e.getMessage());
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-Password-77"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-rsa-pkcs8-encrypted.key", "client-rsa-pkcs1-aes256.key",
        "client-ec-sec1-aes128.key"})
    void anEncryptedKeyWithoutPasswordIsRefusedWithTheOpensslCommand(String file) {
        // given an encrypted key (PKCS#8 or OpenSSL's legacy header) and no password (null or empty)
        for (String password : new String[] {null, ""}) {
            EncryptedKeyException e = assertThrows(EncryptedKeyException.class, () -> read(file, password));

            assertEquals(file, e.source());
            assertTrue(e.getMessage().contains("the key is encrypted") && e.getMessage().contains("0600")
                    && e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
        }
    }

    @Test
    void aLegacyEncryptedHeaderIsRefusedBeforeTheBodyIsLookedAt() {
        String legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nMAA=\n-----END RSA PRIVATE KEY-----\n";

        assertThrows(EncryptedKeyException.class, () -> PrivateKeys.fromPem(legacy, "legacy.key", null));
    }

    @Test
    void aFileWithoutAKeyNamesWhatItFound() {
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> read("client-rsa.pem", null));

        assertTrue(e.getMessage().contains("no PEM private key block (found [CERTIFICATE])"), e.getMessage());
    }

    @Test
    void damagedKeyBytesAreReportedAsNotWellFormedWithoutTheBytes() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n";

        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> PrivateKeys.fromPem(pem, "broken.key", null));

        assertTrue(e.getMessage().startsWith("broken.key: the RSA PRIVATE KEY is not well-formed and cannot be read"),
                e.getMessage());
        assertFalse(e.getMessage().contains("MIIBOgIBAAJBAK"));
    }

    @Test
    void bodyThatIsNotBase64IsReported() {
        String pem = "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n";

        TlsSetupException e = assertThrows(TlsSetupException.class, () -> PrivateKeys.fromPem(pem, "x.key", null));

        assertTrue(e.getMessage().contains("not valid Base64"), e.getMessage());
    }

    @Test
    void keyAlgorithmsOtherThanRsaAndEcAreRefusedByName() throws Exception {
        byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();

        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> PrivateKeys.fromPem(pem("PRIVATE KEY", pkcs8), "ed25519.key", null));

        assertTrue(e.getMessage().startsWith("ed25519.key: key algorithm 06032b6570 is not supported (RSA or EC"),
                e.getMessage());
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
