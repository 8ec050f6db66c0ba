package io.edgejobs.upstream.mqtt.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The component's configuration, read and checked once. Immutable; {@link #toString()} never shows the key
 * password.
 *
 * @param enabled whether to connect at all
 * @param clientId the MQTT client id
 * @param endpoint where to connect; null when disabled
 * @param tls the TLS material; null for plain TCP (and when disabled)
 * @param keepAlive MQTT keep-alive
 * @param connectTimeout bound on one connection attempt
 * @param requestTimeout bound on one forwarded request
 * @param wildcardSubscriptions wildcard filters (true) or one filter per thing (false)
 * @param maxSubscriptions the subscriptions this connection may hold
 * @param publishRatePerSecond token bucket refill rate
 * @param publishBurst token bucket capacity
 * @param reconnectInitialDelay first backoff bound
 * @param reconnectMaxDelay backoff bound ceiling
 * @param stableConnection a connection that lasted this long resets the backoff
 */
record UpstreamOptions(boolean enabled, String clientId, Endpoint endpoint, TlsSettings tls, Duration keepAlive,
        Duration connectTimeout, Duration requestTimeout, boolean wildcardSubscriptions, int maxSubscriptions,
        int publishRatePerSecond, int publishBurst, Duration reconnectInitialDelay, Duration reconnectMaxDelay,
        Duration stableConnection) {

    /** AWS IoT Core: client ids up to 128 bytes. */
    static final int MAX_CLIENT_ID_LENGTH = 128;
    /** AWS IoT Core: 100 publishes per second per connection (inbound and outbound). */
    static final int AWS_PUBLISHES_PER_SECOND = 100;
    /** AWS IoT Core: 50 subscriptions per connection. */
    static final int AWS_SUBSCRIPTIONS_PER_CONNECTION = 50;

    /**
     * Reads a configuration.
     *
     * @throws IllegalArgumentException naming the first wrong attribute
     */
    static UpstreamOptions from(Config config) {
        boolean enabled = config.enabled();
        String clientId = config.clientId() == null ? "" : config.clientId().trim();
        Endpoint endpoint = null;
        TlsSettings tls = null;
        if (enabled) {
            if (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
                throw new IllegalArgumentException("clientId: 1.." + MAX_CLIENT_ID_LENGTH + " characters required");
            }
            endpoint = Endpoint.parse(config.endpoint(), config.port(), config.tls());
            tls = endpoint.tls() ? tlsSettings(config, endpoint) : null;
            if (!endpoint.tls() && !text(config.alpnProtocol()).isEmpty()
                    && !"none".equals(text(config.alpnProtocol()))) {
                throw new IllegalArgumentException("alpnProtocol: needs TLS, but the endpoint is plain TCP");
            }
        }
        range("keepAliveSeconds", config.keepAliveSeconds(), 30, 1200);
        range("connectTimeoutSeconds", config.connectTimeoutSeconds(), 1, 300);
        range("requestTimeoutMillis", config.requestTimeoutMillis(), 100, 300_000);
        range("maxSubscriptionsPerConnection", config.maxSubscriptionsPerConnection(), 1,
                AWS_SUBSCRIPTIONS_PER_CONNECTION);
        range("publishRatePerSecond", config.publishRatePerSecond(), 1, AWS_PUBLISHES_PER_SECOND);
        range("publishBurst", config.publishBurst(), 1, AWS_PUBLISHES_PER_SECOND);
        if (config.publishRatePerSecond() + config.publishBurst() > AWS_PUBLISHES_PER_SECOND) {
            throw new IllegalArgumentException("publishRatePerSecond + publishBurst must not exceed "
                    + AWS_PUBLISHES_PER_SECOND + " (the AWS IoT Core limit per connection), was "
                    + config.publishRatePerSecond() + " + " + config.publishBurst());
        }
        range("reconnectInitialDelayMillis", config.reconnectInitialDelayMillis(), 10, Integer.MAX_VALUE);
        range("reconnectMaxDelayMillis", config.reconnectMaxDelayMillis(), config.reconnectInitialDelayMillis(),
                Integer.MAX_VALUE);
        range("stableConnectionSeconds", config.stableConnectionSeconds(), 1, Integer.MAX_VALUE);
        return new UpstreamOptions(enabled, clientId, endpoint, tls,
                Duration.ofSeconds(config.keepAliveSeconds()),
                Duration.ofSeconds(config.connectTimeoutSeconds()),
                Duration.ofMillis(config.requestTimeoutMillis()),
                config.wildcardSubscriptions(),
                config.maxSubscriptionsPerConnection(),
                config.publishRatePerSecond(),
                config.publishBurst(),
                Duration.ofMillis(config.reconnectInitialDelayMillis()),
                Duration.ofMillis(config.reconnectMaxDelayMillis()),
                Duration.ofSeconds(config.stableConnectionSeconds()));
    }

    private static TlsSettings tlsSettings(Config config, Endpoint endpoint) {
        String certificate = text(config.certificatePath());
        String key = text(config.privateKeyPath());
        if (certificate.isEmpty()) {
            throw new IllegalArgumentException("certificatePath: required with TLS");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("privateKeyPath: required with TLS");
        }
        String ca = text(config.caPath());
        return new TlsSettings(Path.of(certificate), Path.of(key), Secret.of(config.privateKeyPassword()),
                ca.isEmpty() ? null : Path.of(ca), alpn(text(config.alpnProtocol()), endpoint));
    }

    private static String alpn(String configured, Endpoint endpoint) {
        if (configured.isEmpty()) {
            return endpoint.port() == Endpoint.HTTPS_PORT ? Endpoint.AWS_ALPN_PROTOCOL : null;
        }
        if (configured.equals("none")) {
            return null;
        }
        if (configured.length() > 255 || !configured.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("alpnProtocol: printable ASCII, at most 255 characters");
        }
        return configured;
    }

    private static String text(String value) {
        return value == null ? "" : value.trim();
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": must be " + min + ".." + max + ", was " + value);
        }
    }

    /** Whether the connection is plain TCP (no encryption, no authentication). */
    boolean plainTcp() {
        return enabled && !endpoint.tls();
    }
}
