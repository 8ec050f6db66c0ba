package io.edgejobs.tls;

import io.edgejobs.tls.internal.Der;
import io.edgejobs.tls.internal.KeyDecryption;
import io.edgejobs.tls.internal.PemBlock;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads a private key from PEM text with the JDK alone (no BouncyCastle):
 * <ul>
 *   <li>{@code BEGIN PRIVATE KEY}: PKCS#8, RSA or EC;</li>
 *   <li>{@code BEGIN RSA PRIVATE KEY}: PKCS#1, the form AWS IoT issues ({@code xxx-private.pem.key}) and
 *       {@code openssl genrsa -traditional} writes;</li>
 *   <li>{@code BEGIN EC PRIVATE KEY}: SEC1 (OpenSSL's {@code ecparam -genkey}), named curves only (from the key's
 *       own parameters or an {@code EC PARAMETERS} block of the same text);</li>
 *   <li>with a password only: {@code BEGIN ENCRYPTED PRIVATE KEY} (encrypted PKCS#8, e.g. PBES2 from
 *       {@code openssl pkcs8 -topk8 -v2 aes-256-cbc}) and PKCS#1 / SEC1 with OpenSSL's legacy
 *       {@code Proc-Type: 4,ENCRYPTED} header (AES-128/192/256-CBC, DES-EDE3-CBC).</li>
 * </ul>
 * An encrypted key without a password is refused with an {@link EncryptedKeyException} that names the openssl
 * command storing it unencrypted. Messages start with the given source and never contain key bytes or the password.
 */
public final class PrivateKeys {
    private static final byte[] RSA_ENCRYPTION = HexFormat.of().parseHex("06092a864886f70d010101");
    private static final byte[] EC_PUBLIC_KEY = HexFormat.of().parseHex("06072a8648ce3d0201");
    private static final byte[] DER_NULL = {Der.NULL, 0};
    private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};

    private PrivateKeys() {
    }

    /**
     * The first private key of a PEM text.
     *
     * @param pem the text (other blocks, such as certificates, and text between blocks are ignored)
     * @param source what the text is, for messages, e.g. {@code private key file /etc/edgejobs/server.key}
     * @param password the password of an encrypted key; null or empty when there is none. The caller keeps (and
     *     wipes) the array; this method wipes only its own copies
     * @throws EncryptedKeyException when the key is encrypted and no password is given
     * @throws TlsSetupException when there is no key, it cannot be decrypted, is damaged, or is neither RSA nor EC
     */
    public static PrivateKey fromPem(String pem, String source, char[] password) throws TlsSetupException {
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
        boolean encrypted = block.type().equals("ENCRYPTED PRIVATE KEY") || block.isEncryptedLegacy();
        if (encrypted && (password == null || password.length == 0)) {
            throw new EncryptedKeyException(source);
        }
        try {
            byte[] pkcs8 = switch (block.type()) {
                case "PRIVATE KEY" -> block.der();
                case "ENCRYPTED PRIVATE KEY" -> KeyDecryption.pkcs8(block.der(), source, password);
                case "RSA PRIVATE KEY" -> wrapRsa(encrypted ? KeyDecryption.legacy(block, source, password)
                        : block.der());
                case "EC PRIVATE KEY" -> wrapEc(encrypted ? KeyDecryption.legacy(block, source, password)
                        : block.der(), curveFrom(blocks));
                default -> throw new TlsSetupException(source + ": unsupported key type '" + block.type() + "'");
            };
            return keyFromPkcs8(pkcs8, source);
        } catch (KeyDecryption.Failure e) {
            throw new TlsSetupException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(source + ": the " + block.type() + " is not well-formed and cannot be read ("
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
                    + " is not supported (RSA or EC keys only, as AWS IoT certificates use)");
        }
        try {
            return KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(source + ": the " + keyAlgorithm + " private key cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** PrivateKeyInfo { version 0, AlgorithmIdentifier { rsaEncryption, NULL }, OCTET STRING RSAPrivateKey }. */
    static byte[] wrapRsa(byte[] pkcs1) {
        Der.sequence(pkcs1); // fail early on garbage
        return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, RSA_ENCRYPTION, DER_NULL),
                Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /**
     * PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ecPublicKey, namedCurve }, OCTET STRING ECPrivateKey };
     * the curve comes from the key's own [0] parameters or, failing that, from an {@code EC PARAMETERS} block.
     */
    static byte[] wrapEc(byte[] sec1, byte[] curveFromFile) {
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
}
