package io.edgejobs.tls;

import static io.edgejobs.tls.TlsFixtures.tls;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Real handshakes on loopback between contexts built from the PEM fixtures. */
class SslContextsTest {

    private static SSLContext server(boolean clientCertificates) throws Exception {
        return SslContexts.server(PemFiles.certificates(tls("server-localhost.pem"), "server certificate"),
                PemFiles.privateKey(tls("server-localhost.key")),
                clientCertificates ? SslContexts.trustManagers(PemFiles.certificates(tls("ca.pem"), "client CA"))
                        : null);
    }

    private static SSLContext client(String trustedCa) throws Exception {
        return SslContexts.client(PemFiles.certificates(tls("client-rsa.pem"), "client certificate"),
                PemFiles.privateKey(tls("client-rsa-pkcs1.key")),
                PemFiles.certificates(tls(trustedCa), "CA"));
    }

    /** Runs one handshake; the server's view: the client's CN, or empty. */
    private static Optional<String> handshake(SSLContext server, boolean needClientAuth, SSLContext client)
            throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(SslContexts.serverProtocols(server));
            listener.setNeedClientAuth(needClientAuth);
            CompletableFuture<Optional<String>> accepted = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                    return Certificates.peerCertificate(socket.getSession()).flatMap(Certificates::commonName);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(
                    InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.startHandshake();
                socket.getOutputStream().write(1); // TLS 1.3: the server's verdict on the client arrives after this
                socket.getOutputStream().flush();
                return accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void givenMutualTls_thenTheServerSeesTheClientCertificate() throws Exception {
        assertEquals(Optional.of("edgejobs-gateway-test"), handshake(server(true), true, client("ca.pem")));
    }

    @Test
    void givenServerOnlyTls_thenThereIsNoPeerCertificate() throws Exception {
        assertEquals(Optional.empty(), handshake(server(false), false, client("ca.pem")));
    }

    @Test
    void givenAClientThatTrustsAnotherCa_thenTheServerIsRefused() {
        assertThrows(SSLHandshakeException.class, () -> handshake(server(true), true, client("other-ca.pem")));
    }

    @Test
    void givenAClientWithoutCertificate_thenAServerRequiringOneRefusesIt() throws Exception {
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, SslContexts.trustManagers(PemFiles.certificates(tls("ca.pem"), "CA")), null);

        assertThrows(Exception.class, () -> handshake(server(true), true, anonymous));
    }

    @Test
    void givenTheRuntimesDefaultTrust_thenTheTestCaIsNotTrusted() throws Exception {
        List<X509Certificate> chain = PemFiles.certificates(tls("client-rsa.pem"), "client certificate");
        SSLContext publicTrust = SslContexts.client(chain, PemFiles.privateKey(tls("client-rsa-pkcs1.key")), null);

        assertThrows(SSLHandshakeException.class, () -> handshake(server(false), false, publicTrust));
    }

    @Test
    void serversOfferTls13And12Only() throws Exception {
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, SslContexts.serverProtocols(server(false)));
    }
}
