package io.edgejobs.upstream.mqtt.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads a private key from PEM with the JDK alone (no BouncyCastle):
 * <ul>
 *   <li>{@code BEGIN PRIVATE KEY}: PKCS#8, RSA or EC;</li>
 *   <li>{@code BEGIN RSA PRIVATE KEY}: PKCS#1, the form AWS IoT issues ({@code xxx-private.pem.key});</li>
 *   <li>{@code BEGIN EC PRIVATE KEY}: SEC1 (OpenSSL's {@code ecparam -genkey}), named curves only;</li>
 *   <li>{@code BEGIN ENCRYPTED PRIVATE KEY}: encrypted PKCS#8 (PBES2, e.g.
 *       {@code openssl pkcs8 -topk8 -v2 aes-256-cbc});</li>
 *   <li>PKCS#1 / SEC1 with OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} header (AES-128/192/256-CBC,
 *       DES-EDE3-CBC).</li>
 * </ul>
 * Error messages name the source and the reason, never key bytes or the password.
 */
final class PemPrivateKeys {
    private static final byte[] RSA_ENCRYPTION = HexFormat.of().parseHex("06092a864886f70d010101");
    private static final byte[] EC_PUBLIC_KEY = HexFormat.of().parseHex("06072a8648ce3d0201");
    private static final byte[] DER_NULL = {Der.NULL, 0};
    private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};

    private PemPrivateKeys() {
    }

    /**
     * @param pem the file's text
     * @param source the file name, for messages
     * @param password the password for an encrypted key; may be empty
     */
    static PrivateKey read(String pem, String source, Secret password) throws TlsSetupException {
        List<PemBlock> blocks;
        try {
            blocks = PemBlock.parse(pem);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(source + ": " + e.getMessage());
        }
        Optional<PemBlock> keyBlock = blocks.stream().filter(b -> b.type().endsWith("PRIVATE KEY")).findFirst();
        if (keyBlock.isEmpty()) {
            throw new TlsSetupException(source + ": no PEM private key block (found "
                    + blocks.stream().map(PemBlock::type).toList() + ")");
        }
        PemBlock block = keyBlock.get();
        try {
            byte[] pkcs8 = switch (block.type()) {
                case "PRIVATE KEY" -> block.der();
                case "ENCRYPTED PRIVATE KEY" -> decryptPkcs8(block.der(), source, password);
                case "RSA PRIVATE KEY" -> wrapRsa(legacyDecrypted(block, source, password));
                case "EC PRIVATE KEY" -> wrapEc(legacyDecrypted(block, source, password), curveFrom(blocks));
                default -> throw new TlsSetupException(source + ": unsupported key type '" + block.type() + "'");
            };
            return keyFromPkcs8(pkcs8, source);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(source + ": the " + block.type() + " is not well-formed ("
                    + e.getMessage() + ")");
        }
    }

    private static PrivateKey keyFromPkcs8(byte[] pkcs8, String source) throws TlsSetupException {
        Der.Reader info = Der.sequence(pkcs8);
        info.next(Der.INTEGER);
        Der.Reader algorithm = new Der.Reader(info.next(Der.SEQUENCE).content());
        byte[] oid = algorithm.next(Der.OID).encoded();
        String keyAlgorithm;
        if (Arrays.equals(oid, RSA_ENCRYPTION)) {
            keyAlgorithm = "RSA";
        } else if (Arrays.equals(oid, EC_PUBLIC_KEY)) {
            keyAlgorithm = "EC";
        } else {
            throw new TlsSetupException(source + ": key algorithm " + HexFormat.of().formatHex(oid)
                    + " is not supported (AWS IoT client certificates use RSA or EC keys)");
        }
        try {
            return KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(source + ": the " + keyAlgorithm + " private key cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** PrivateKeyInfo { version 0, AlgorithmIdentifier { rsaEncryption, NULL }, OCTET STRING RSAPrivateKey }. */
    private static byte[] wrapRsa(byte[] pkcs1) {
        Der.sequence(pkcs1); // fail early on garbage
        return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, RSA_ENCRYPTION, DER_NULL),
                Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /**
     * PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ecPublicKey, namedCurve }, OCTET STRING ECPrivateKey };
     * the curve comes from the key's own [0] parameters or, failing that, from an {@code EC PARAMETERS} block.
     */
    private static byte[] wrapEc(byte[] sec1, byte[] curveFromFile) {
        Der.Reader key = Der.sequence(sec1);
        key.next(Der.INTEGER);
        key.next(Der.OCTET_STRING);
        byte[] curve = curveFromFile;
        while (key.hasMore()) {
            Der.Item item = key.next();
            if (item.tag() == Der.CONTEXT_0) {
                curve = new Der.Reader(item.content()).next(Der.OID).encoded();
            }
        }
        if (curve == null) {
            throw new IllegalArgumentException("no named curve in the key or the file");
        }
        return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY, curve),
                Der.encode(Der.OCTET_STRING, sec1));
    }

    private static byte[] curveFrom(List<PemBlock> blocks) {
        return blocks.stream().filter(b -> b.type().equals("EC PARAMETERS")).findFirst()
                .map(b -> new Der.Reader(b.der()).next(Der.OID).encoded()).orElse(null);
    }

    private static byte[] decryptPkcs8(byte[] der, String source, Secret password) throws TlsSetupException {
        char[] chars = requirePassword(source, password);
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
            throw new TlsSetupException(source + ": cannot decrypt the encrypted private key (wrong password, "
                    + "or an encryption scheme this Java runtime does not support: "
                    + e.getClass().getSimpleName() + ")");
        } catch (java.io.IOException e) {
            throw new TlsSetupException(source + ": the ENCRYPTED PRIVATE KEY is not well-formed");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The DER of a PKCS#1 or SEC1 block, decrypted first when it carries OpenSSL's legacy encryption headers. */
    private static byte[] legacyDecrypted(PemBlock block, String source, Secret password) throws TlsSetupException {
        if (!block.isEncryptedLegacy()) {
            return block.der();
        }
        String[] dekInfo = block.headers().getOrDefault("DEK-Info", "").split(",");
        if (dekInfo.length != 2) {
            throw new TlsSetupException(source + ": encrypted key without a readable DEK-Info header");
        }
        String cipherName = dekInfo[0].trim().toUpperCase(Locale.ROOT);
        byte[] iv = HexFormat.of().parseHex(dekInfo[1].trim());
        LegacyCipher legacy = LegacyCipher.of(cipherName).orElseThrow(() -> new TlsSetupException(source
                + ": legacy key encryption " + cipherName + " is not supported (AES-128/192/256-CBC, DES-EDE3-CBC)"));
        char[] chars = requirePassword(source, password);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] passwordBytes = new byte[encoded.remaining()];
        encoded.get(passwordBytes);
        Arrays.fill(chars, '\0');
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
            throw new TlsSetupException(source + ": cannot decrypt the " + block.type()
                    + " (wrong password or damaged file)");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static char[] requirePassword(String source, Secret password) throws TlsSetupException {
        if (password.isEmpty()) {
            throw new TlsSetupException(source + ": the private key is encrypted; configure privateKeyPassword");
        }
        return password.chars();
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
