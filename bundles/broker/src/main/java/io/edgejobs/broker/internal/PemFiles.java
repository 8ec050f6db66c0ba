package io.edgejobs.broker.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PEM files of a TLS listener with the JDK alone: X.509 certificates, and unencrypted private keys as
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). Messages name the
 * file and the reason, never key bytes.
 */
final class PemFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PemFiles.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private PemFiles() {
    }

    /** Every {@code CERTIFICATE} block of the file, in order; at least one. */
    static List<X509Certificate> certificates(Path file, String role) throws TlsSetupException {
        List<PemBlock> blocks = blocks(file, role);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : blocks) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsSetupException(role + " " + file + ": a CERTIFICATE block cannot be read (" + e.getMessage()
                + ")");
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(role + " " + file + ": no PEM CERTIFICATE block");
        }
        return certificates;
    }

    /** The file's private key; refused when it is encrypted. Warns when others than the owner may read it. */
    static PrivateKey privateKey(Path file) throws TlsSetupException {
        String role = "private key file";
        List<PemBlock> blocks = blocks(file, role);
        PemBlock key = blocks.stream().filter(b -> b.type().endsWith("PRIVATE KEY")).findFirst()
            .orElseThrow(() -> new TlsSetupException(role + " " + file + ": no PEM private key block (found "
                + blocks.stream().map(PemBlock::type).toList() + ")"));
        if (key.type().equals("ENCRYPTED PRIVATE KEY") || key.legacyEncrypted()) {
            throw new TlsSetupException(role + " " + file + ": the key is encrypted; the listener needs it "
                + "unencrypted in a file only the gateway's user can read (mode 0600), e.g. "
                + "'openssl pkey -in encrypted.key -out server.key && chmod 600 server.key'");
        }
        warnIfReadableByOthers(file);
        try {
            return switch (key.type()) {
                case "PRIVATE KEY" -> fromPkcs8(key.der());
                case "RSA PRIVATE KEY" -> fromPkcs8(Pkcs8.fromPkcs1(key.der()));
                case "EC PRIVATE KEY" -> fromPkcs8(Pkcs8.fromSec1(key.der()));
                default -> throw new TlsSetupException(role + " " + file + ": unsupported key type " + key.type());
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsSetupException(role + " " + file + ": the " + key.type() + " cannot be read ("
                + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKey fromPkcs8(byte[] pkcs8) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        GeneralSecurityException failure = null;
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static List<PemBlock> blocks(Path file, String role) throws TlsSetupException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsSetupException(role + " " + file + " cannot be read: " + e, e);
        }
        try {
            return PemBlock.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(role + " " + file + ": " + e.getMessage());
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                LOG.warn("private key file {} can be read or written by other users ({}); restrict it with "
                    + "'chmod 600'", file, permissions);
            }
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot check the permissions of {}: {}", file, e.toString());
        }
    }
}
