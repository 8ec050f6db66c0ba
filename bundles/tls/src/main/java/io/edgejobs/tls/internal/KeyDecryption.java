package io.edgejobs.tls.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts password-protected private keys: encrypted PKCS#8 and OpenSSL's legacy PEM encryption of PKCS#1 / SEC1
 * keys. Messages name the source, never the password or key bytes.
 */
public final class KeyDecryption {

    /** A key cannot be decrypted; the message is complete (it starts with the source). */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private KeyDecryption() {
    }

    /** The PKCS#8 PrivateKeyInfo inside an EncryptedPrivateKeyInfo. */
    public static byte[] pkcs8(byte[] der, String source, char[] password) throws Failure {
        char[] chars = password.clone();
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // For PBES2 the JDK reports the OID as algorithm name; the parameters know the real scheme
            // (e.g. PBEWithHmacSHA256AndAES_256).
            String algorithm = info.getAlgParameters() == null ? info.getAlgName()
                    : info.getAlgParameters().toString();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(chars)), info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new Failure(source + ": cannot decrypt the encrypted private key (wrong password, "
                    + "or an encryption scheme this Java runtime does not support: "
                    + e.getClass().getSimpleName() + ")");
        } catch (java.io.IOException e) {
            throw new Failure(source + ": the ENCRYPTED PRIVATE KEY is not well-formed");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The DER of a PKCS#1 or SEC1 block that carries OpenSSL's legacy encryption headers. */
    public static byte[] legacy(PemBlock block, String source, char[] password) throws Failure {
        String[] dekInfo = block.headers().getOrDefault("DEK-Info", "").split(",");
        if (dekInfo.length != 2) {
            throw new Failure(source + ": encrypted key without a readable DEK-Info header");
        }
        String cipherName = dekInfo[0].trim().toUpperCase(Locale.ROOT);
        byte[] iv = HexFormat.of().parseHex(dekInfo[1].trim());
        LegacyCipher legacy = LegacyCipher.of(cipherName).orElseThrow(() -> new Failure(source
                + ": legacy key encryption " + cipherName + " is not supported (AES-128/192/256-CBC, DES-EDE3-CBC)"));
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] passwordBytes = new byte[encoded.remaining()];
        encoded.get(passwordBytes);
        Arrays.fill(encoded.array(), (byte) 0);
        byte[] key = evpBytesToKey(passwordBytes, Arrays.copyOf(iv, 8), legacy.keyLength);
        Arrays.fill(passwordBytes, (byte) 0);
        try {
            Cipher cipher = Cipher.getInstance(legacy.transformation);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, legacy.keyAlgorithm), new IvParameterSpec(iv));
            byte[] der = cipher.doFinal(block.der());
            Der.sequence(der);
            return der;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Failure(source + ": cannot decrypt the " + block.type() + " (wrong password or damaged file)");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** OpenSSL's EVP_BytesToKey with MD5 and one iteration, as used by its legacy PEM encryption. */
    private static byte[] evpBytesToKey(byte[] password, byte[] salt, int keyLength) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] key = new byte[keyLength];
            byte[] previous = new byte[0];
            int filled = 0;
            while (filled < keyLength) {
                md5.update(previous);
                md5.update(password);
                md5.update(salt);
                previous = md5.digest();
                int n = Math.min(previous.length, keyLength - filled);
                System.arraycopy(previous, 0, key, filled, n);
                filled += n;
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this Java runtime", e);
        }
    }

    private enum LegacyCipher {
        AES_128("AES-128-CBC", "AES", "AES/CBC/PKCS5Padding", 16),
        AES_192("AES-192-CBC", "AES", "AES/CBC/PKCS5Padding", 24),
        AES_256("AES-256-CBC", "AES", "AES/CBC/PKCS5Padding", 32),
        DES_EDE3("DES-EDE3-CBC", "DESede", "DESede/CBC/PKCS5Padding", 24);

        final String pemName;
        final String keyAlgorithm;
        final String transformation;
        final int keyLength;

        LegacyCipher(String pemName, String keyAlgorithm, String transformation, int keyLength) {
            this.pemName = pemName;
            this.keyAlgorithm = keyAlgorithm;
            this.transformation = transformation;
            this.keyLength = keyLength;
        }

        static Optional<LegacyCipher> of(String pemName) {
            return Arrays.stream(values()).filter(c -> c.pemName.equals(pemName)).findFirst();
        }
    }
}
