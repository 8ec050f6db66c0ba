package io.edgejobs.upstream.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class TlsPolicyTest {

    private static SSLSocket socket(String alpn) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        return (SSLSocket) new AwsIotSocketFactory(context, new TlsPolicy(alpn)).createSocket();
    }

    @Test
    void newSocketsCarryTheAlpnProtocolHostnameVerificationAndTls12Plus() throws Exception {
        try (SSLSocket socket = socket("x-amzn-mqtt-ca")) {
            SSLParameters p = socket.getSSLParameters();

            assertArrayEquals(new String[] {"x-amzn-mqtt-ca"}, p.getApplicationProtocols());
            assertEquals("HTTPS", p.getEndpointIdentificationAlgorithm());
            assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, p.getProtocols());
        }
    }

    @Test
    void freshParametersAsPahoSetsThemForSniKeepThePolicy() throws Exception {
        try (SSLSocket socket = socket("x-amzn-mqtt-ca")) {
            SSLParameters paho = new SSLParameters();
            paho.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName("example.iot.eu-west-1.amazonaws.com")));
            socket.setSSLParameters(paho);
            socket.setSSLParameters(new SSLParameters()); // Paho's second call (hostname verification)

            SSLParameters p = socket.getSSLParameters();
            assertArrayEquals(new String[] {"x-amzn-mqtt-ca"}, p.getApplicationProtocols());
            assertEquals("HTTPS", p.getEndpointIdentificationAlgorithm());
            assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, p.getProtocols());
            assertEquals(paho.getServerNames(), p.getServerNames(), "SNI kept");
        }
    }

    @Test
    void withoutAlpnNoProtocolIsOffered() throws Exception {
        try (SSLSocket socket = socket(null)) {
            assertEquals(0, socket.getSSLParameters().getApplicationProtocols().length);
        }
    }

    @Test
    void protocolsOlderThanTls12AreRefused() throws Exception {
        try (SSLSocket socket = socket(null)) {
            assertThrows(IllegalArgumentException.class, () -> socket.setEnabledProtocols(new String[] {"TLSv1.1"}));

            socket.setEnabledProtocols(new String[] {"TLSv1.1", "TLSv1.2"});
            assertArrayEquals(new String[] {"TLSv1.2"}, socket.getEnabledProtocols());
        }
    }
}
