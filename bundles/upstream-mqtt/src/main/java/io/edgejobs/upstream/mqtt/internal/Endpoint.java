package io.edgejobs.upstream.mqtt.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the connection goes: host, port and whether TLS is used.
 *
 * @param host the host name (verified against the server certificate when TLS is on)
 * @param port the TCP port
 * @param tls true for TLS, false for plain TCP (emulator and tests only)
 */
record Endpoint(String host, int port, boolean tls) {

    /** The port AWS IoT Core serves MQTT on with ALPN {@value #AWS_ALPN_PROTOCOL}. */
    static final int HTTPS_PORT = 443;
    /** The ALPN protocol AWS IoT Core expects for MQTT with a client certificate on port 443. */
    static final String AWS_ALPN_PROTOCOL = "x-amzn-mqtt-ca";

    Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("endpoint: a host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: must be 1..65535, was " + port);
        }
    }

    /**
     * Reads the configured endpoint: a bare host name (port and TLS from the other settings), {@code ssl://} or
     * {@code mqtts://host[:port]} (TLS), or {@code tcp://host[:port]} (plain TCP, said explicitly).
     *
     * @throws IllegalArgumentException for an unreadable endpoint or a contradiction (ssl:// with tls=false)
     */
    static Endpoint parse(String endpoint, int defaultPort, boolean tlsSetting) {
        String text = endpoint == null ? "" : endpoint.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("endpoint: required (the AWS IoT Core data endpoint, e.g. "
                    + "xxxxxxxx-ats.iot.<region>.amazonaws.com)");
        }
        if (!text.contains("://")) {
            if (text.contains(":") || text.contains("/")) {
                throw new IllegalArgumentException("endpoint: '" + text + "' is not a host name; write "
                        + "ssl://host:port or tcp://host:port to give a port");
            }
            return new Endpoint(text, defaultPort, tlsSetting);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint: '" + text + "' is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "ssl", "mqtts" -> true;
            case "tcp", "mqtt" -> false;
            default -> throw new IllegalArgumentException("endpoint: scheme " + scheme
                    + " is not supported (ssl://, mqtts://, tcp://)");
        };
        if (tls && !tlsSetting) {
            throw new IllegalArgumentException("endpoint: " + text + " asks for TLS but tls=false");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint: '" + text + "' names no host");
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("endpoint: '" + text + "' must not have a path");
        }
        return new Endpoint(uri.getHost(), uri.getPort() == -1 ? defaultPort : uri.getPort(), tls);
    }

    /** The server URI in Paho's syntax. */
    String serverUri() {
        return (tls ? "ssl://" : "tcp://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return serverUri();
    }
}
