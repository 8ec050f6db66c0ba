package io.edgejobs.device.http.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and an unencrypted private key from PEM files with the JDK alone: {@code BEGIN PRIVATE KEY}
 * (PKCS#8, RSA or EC) and {@code BEGIN RSA PRIVATE KEY} (PKCS#1, the form AWS IoT and {@code openssl genrsa
 * -traditional} write). Encrypted and SEC1 ({@code BEGIN EC PRIVATE KEY}) keys are refused with the openssl
 * command that converts them. Messages name the file, never key bytes.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    /** AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    private static final String TO_PKCS8 = "convert it with 'openssl pkcs8 -topk8 -nocrypt -in <key> -out <new key>'";

    private PemFiles() {
    }

    /** The certificates of a PEM file, in file order (leaf first for a chain). */
    static List<X509Certificate> certificates(Path file, String what) throws TlsSetupException {
        byte[] bytes = read(file, what).getBytes(StandardCharsets.US_ASCII);
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new TlsSetupException(what + " file " + file + ": no certificate in it");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new TlsSetupException(what + " file " + file + ": not a PEM X.509 certificate (" + e.getMessage()
                    + ")");
        }
    }

    /** The private key of a PEM file. */
    static PrivateKey privateKey(Path file) throws TlsSetupException {
        String text = read(file, "private key");
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            if (m.group(2).contains("Proc-Type") || type.startsWith("ENCRYPTED")) {
                throw new TlsSetupException("private key file " + file + ": the key is encrypted; store it "
                        + "unencrypted, readable by the gateway only (" + TO_PKCS8 + ")");
            }
            byte[] der = base64(m.group(2), file);
            return switch (type) {
                case "PRIVATE KEY" -> fromPkcs8(der, file);
                case "RSA PRIVATE KEY" -> fromPkcs8(rsaPkcs8(der), file);
                default -> throw new TlsSetupException("private key file " + file + ": '" + type
                        + "' is not supported; " + TO_PKCS8);
            };
        }
        throw new TlsSetupException("private key file " + file + ": no PEM private key block in it");
    }

    private static PrivateKey fromPkcs8(byte[] pkcs8, Path file) throws TlsSetupException {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new TlsSetupException("private key file " + file + ": neither an RSA nor an EC key");
    }

    /** PrivateKeyInfo { version 0, AlgorithmIdentifier { rsaEncryption, NULL }, OCTET STRING RSAPrivateKey }. */
    static byte[] rsaPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(VERSION_0);
        content.writeBytes(RSA_ALGORITHM);
        content.writeBytes(der(0x04, pkcs1));
        return der(0x30, content.toByteArray());
    }

    /** A DER element: tag, definite length (short or long form), content. */
    static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] base64(String body, Path file) throws TlsSetupException {
        try {
            return Base64.getMimeDecoder().decode(body.trim());
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException("private key file " + file + ": the PEM block is not valid Base64");
        }
    }

    private static String read(Path file, String what) throws TlsSetupException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsSetupException(what + " file " + file + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
