package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.tls.SslContexts;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLParameters;

/**
 * What every upstream TLS socket must keep, whatever its user (Paho) sets later: TLS 1.2 or newer, hostname
 * verification (endpoint identification "HTTPS"), and the ALPN protocol when one is configured.
 *
 * @param alpnProtocol the ALPN protocol to offer, or null
 */
record TlsPolicy(String alpnProtocol) {
    /** The protocols allowed, newest first: the same TLS 1.3/1.2 floor as the gateway's own listeners. */
    static final List<String> PROTOCOLS = SslContexts.SERVER_PROTOCOLS;
    static final String ENDPOINT_IDENTIFICATION = "HTTPS";

    /**
     * Imposes the policy on parameters about to be set on a socket: protocols narrowed to TLS 1.2+, endpoint
     * identification forced on, the ALPN protocol set (or cleared when none is configured). Other values (SNI
     * server names, cipher suites) are left as the caller chose them.
     *
     * @param supportedProtocols the protocols the socket supports
     * @throws IllegalArgumentException when the caller asks only for protocols older than TLS 1.2
     */
    SSLParameters apply(SSLParameters parameters, String[] supportedProtocols) {
        List<String> supported = Arrays.asList(supportedProtocols);
        String[] requested = parameters.getProtocols();
        String[] protocols = PROTOCOLS.stream()
                .filter(supported::contains)
                .filter(p -> requested == null || Arrays.asList(requested).contains(p))
                .toArray(String[]::new);
        if (protocols.length == 0) {
            throw new IllegalArgumentException("upstream TLS needs TLSv1.2 or TLSv1.3; requested "
                    + (requested == null ? "none" : String.join(",", requested)));
        }
        parameters.setProtocols(protocols);
        parameters.setEndpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
        parameters.setApplicationProtocols(alpnProtocol == null ? new String[0] : new String[] {alpnProtocol});
        return parameters;
    }
}
