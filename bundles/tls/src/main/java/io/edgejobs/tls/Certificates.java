package io.edgejobs.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/** What the gateway asks of an X.509 certificate: whether a key belongs to it, its thing name, a session's peer. */
public final class Certificates {

    private Certificates() {
    }

    /**
     * Signs a random nonce with the key and verifies the signature with the certificate's public key, so that a key
     * of another certificate fails when the files are loaded rather than at every handshake.
     *
     * @param keyFile the key's file, for the message
     * @param certificateFile the certificate's file, for the message
     * @throws TlsSetupException when the key is not the certificate's (the message names both files and the
     *     certificate's subject), or is neither RSA nor EC
     */
    public static void requireKeyOf(X509Certificate certificate, PrivateKey key, Path keyFile, Path certificateFile)
            throws TlsSetupException {
        String mismatch = "private key file " + keyFile + " does not belong to certificate " + certificateFile
                + " (" + certificate.getSubjectX500Principal().getName() + ")";
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        String certificateAlgorithm = certificate.getPublicKey().getAlgorithm();
        if (algorithm == null || !certificateAlgorithm.equals(key.getAlgorithm())) {
            throw new TlsSetupException(mismatch + ": " + key.getAlgorithm() + " key, " + certificateAlgorithm
                    + " certificate");
        }
        try {
            byte[] nonce = new byte[32];
            new SecureRandom().nextBytes(nonce);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(nonce);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(nonce);
            if (!verifier.verify(signature)) {
                throw new TlsSetupException(mismatch);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(mismatch + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * The thing a client certificate names: the single common name (CN) of its subject. AWS IoT binds a certificate
     * to a thing by attachment; the gateway has no registry, so the certificate itself names the thing. A subject
     * with no CN, more than one (in any RDN, also multi-valued ones), an empty or non-text CN, or a subject that
     * cannot be parsed names no thing: the rule is strict so that an issuer cannot smuggle a second name in.
     *
     * @return the CN, or empty
     */
    public static Optional<String> commonName(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
    }

    /**
     * The single CN of an RFC 2253 distinguished name, by the rule of {@link #commonName(X509Certificate)}.
     *
     * @return the CN, or empty when there is none, several, it is empty or not text, or the name cannot be parsed
     */
    public static Optional<String> commonName(String distinguishedName) {
        if (distinguishedName == null) {
            return Optional.empty();
        }
        try {
            List<Object> values = new ArrayList<>();
            for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
                NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
                while (attributes.hasMore()) {
                    Attribute attribute = attributes.next();
                    if (attribute.getID().equalsIgnoreCase("CN")) {
                        for (int i = 0; i < attribute.size(); i++) {
                            values.add(attribute.get(i));
                        }
                    }
                }
            }
            return values.size() == 1 && values.get(0) instanceof String cn && !cn.isEmpty() ? Optional.of(cn)
                    : Optional.empty();
        } catch (NamingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The verified leaf certificate the peer of a TLS session presented.
     *
     * @param session the session, or null (plain connection)
     * @return the certificate; empty without a session, without a peer certificate or when it is not X.509
     */
    public static Optional<X509Certificate> peerCertificate(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
