package io.edgejobs.tls;

import static io.edgejobs.tls.TlsFixtures.tls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificatesTest {

    @Test
    void givenTheKeyOfTheCertificate_thenItIsAccepted() throws Exception {
        X509Certificate rsa = PemFiles.certificates(tls("client-rsa.pem"), "certificate").get(0);
        X509Certificate ec = PemFiles.certificates(tls("client-ec.pem"), "certificate").get(0);

        Certificates.requireKeyOf(rsa, PemFiles.privateKey(tls("client-rsa-pkcs1.key")), tls("client-rsa-pkcs1.key"),
                tls("client-rsa.pem"));
        Certificates.requireKeyOf(ec, PemFiles.privateKey(tls("client-ec-sec1.key")), tls("client-ec-sec1.key"),
                tls("client-ec.pem"));
    }

    @Test
    void givenAKeyOfAnotherCertificate_thenItIsRefusedNamingBothFiles() throws Exception {
        X509Certificate server = PemFiles.certificates(tls("server-localhost.pem"), "certificate").get(0);

        // another RSA key: the signature check fails; an EC key: the algorithms differ
        TlsSetupException rsa = assertThrows(TlsSetupException.class, () -> Certificates.requireKeyOf(server,
                PemFiles.privateKey(tls("client-rsa-pkcs8.key")), tls("client-rsa-pkcs8.key"),
                tls("server-localhost.pem")));
        TlsSetupException ec = assertThrows(TlsSetupException.class, () -> Certificates.requireKeyOf(server,
                PemFiles.privateKey(tls("client-ec-pkcs8.key")), tls("client-ec-pkcs8.key"),
                tls("server-localhost.pem")));

        assertEquals("private key file " + tls("client-rsa-pkcs8.key") + " does not belong to certificate "
                + tls("server-localhost.pem") + " (CN=localhost)", rsa.getMessage());
        assertTrue(ec.getMessage().endsWith("does not belong to certificate " + tls("server-localhost.pem")
                + " (CN=localhost): EC key, RSA certificate"), ec.getMessage());
        assertFalse(ec.getMessage().contains("BEGIN"), "no key material in messages");
    }

    @Test
    void theThingIsTheSubjectCommonName() throws Exception {
        assertEquals(Optional.of("thing-a"), Certificates.commonName("CN=thing-a,O=Edgejobs Test"));
        assertEquals(Optional.of("press_7:a"), Certificates.commonName("CN=press_7:a"));
        assertEquals(Optional.of("edgejobs-gateway-test"),
                Certificates.commonName(PemFiles.certificates(tls("client-rsa.pem"), "certificate").get(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN=device,OU=line,CN=plant", "CN=a+CN=b,O=x", "CN=,O=x", "CN=#04024869,O=x",
        "O=Edgejobs,C=DE", "not a dn", ""})
    void aSubjectWithoutExactlyOneTextCommonNameNamesNoThing(String subject) {
        // the strict rule of the MQTT listener's certificate binding: two CNs are ambiguous, none names nothing
        assertEquals(Optional.empty(), Certificates.commonName(subject), subject);
    }

    @Test
    void noSessionMeansNoPeerCertificate() {
        assertEquals(Optional.empty(), Certificates.peerCertificate(null));
        assertEquals(Optional.empty(), Certificates.commonName((String) null));
    }
}
