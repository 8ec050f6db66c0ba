package io.edgejobs.device.http.internal;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The thing a mutually authenticated client stands for: the subject CN of its certificate (the leaf of the
 * verified chain). AWS IoT binds a certificate to a thing by attachment; the gateway has no registry, so the
 * certificate itself names the thing.
 */
final class DeviceIdentity {

    private DeviceIdentity() {
    }

    /** The CN of the session's client certificate, or empty when there is none or it has no CN. */
    static Optional<String> thingName(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Optional.empty();
            }
            return commonName(leaf.getSubjectX500Principal().getName());
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** The last (most specific) CN of an RFC 2253 distinguished name. */
    static Optional<String> commonName(String distinguishedName) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return Optional.ofNullable(cn).filter(s -> !s.isEmpty());
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
