package io.edgejobs.tls;

import io.edgejobs.tls.internal.PemBlock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the PEM files of a TLS endpoint: certificates (one or a chain) and a private key in any form
 * {@link PrivateKeys} reads. Files are read on every call, so a renewed file is picked up by the next one. Messages
 * start with the role and the file ({@code server certificate file /etc/x.pem: ...}) and never contain key bytes.
 */
public final class PemFiles {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private PemFiles() {
    }

    /**
     * Every {@code CERTIFICATE} block of the file, in file order (leaf first for a chain); other blocks and text
     * between blocks (OpenSSL's "Bag Attributes") are ignored.
     *
     * @param file the PEM file
     * @param role what the file is, for messages, e.g. {@code "client CA"} (the message says "client CA file ...")
     * @throws TlsSetupException when the file cannot be read, has no certificate, or one cannot be parsed
     */
    public static List<X509Certificate> certificates(Path file, String role) throws TlsSetupException {
        String source = role + " file " + file;
        List<PemBlock> blocks = blocks(read(file, role), source);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : blocks) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsSetupException(source + ": not a PEM X.509 certificate (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(source + ": no PEM CERTIFICATE block (found "
                    + blocks.stream().map(PemBlock::type).toList() + ")");
        }
        return certificates;
    }

    /**
     * The unencrypted private key of the file; an encrypted one is refused with the openssl command that stores it
     * unencrypted.
     *
     * @throws EncryptedKeyException when the key is encrypted
     * @throws TlsSetupException when the file cannot be read or holds no usable key
     */
    public static PrivateKey privateKey(Path file) throws TlsSetupException {
        return privateKey(file, null);
    }

    /**
     * The private key of the file, decrypted with {@code password} when it is encrypted.
     *
     * @param password null or empty when none is configured; the caller keeps (and wipes) the array
     * @throws EncryptedKeyException when the key is encrypted and there is no password
     * @throws TlsSetupException when the file cannot be read, the key cannot be decrypted, or holds no usable key
     */
    public static PrivateKey privateKey(Path file, char[] password) throws TlsSetupException {
        return PrivateKeys.fromPem(read(file, "private key"), "private key file " + file, password);
    }

    /**
     * The group and other permissions of a key file, which only its owner should read or write: empty when there
     * are none, or when the file system has no POSIX permissions or they cannot be read (a key nobody may read
     * fails anyway when it is read).
     */
    public static Set<PosixFilePermission> accessByOthers(Path file) {
        try {
            Set<PosixFilePermission> others = EnumSet.noneOf(PosixFilePermission.class);
            others.addAll(Files.getPosixFilePermissions(file));
            others.retainAll(OTHERS);
            return Set.copyOf(others);
        } catch (UnsupportedOperationException | IOException e) {
            return Set.of();
        }
    }

    private static List<PemBlock> blocks(String text, String source) throws TlsSetupException {
        try {
            return PemBlock.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(source + ": " + e.getMessage());
        }
    }

    private static String read(Path file, String role) throws TlsSetupException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsSetupException(role + " file " + file + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
