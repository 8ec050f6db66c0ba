package io.edgejobs.api.mqtt;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link MqttServer} listens on and accepts. Immutable; start from {@link #defaults(String, int)} and adjust
 * with the {@code with...} methods.
 *
 * @param name a short label for logs and thread names, e.g. {@code "gateway"} or {@code "emulator"}
 * @param host the address to bind, {@value #DEFAULT_HOST} by default (loopback only)
 * @param port the TCP port; 0 lets the OS choose one, which {@link MqttServer#boundPort()} then reports
 * @param maxMessageBytes the largest accepted MQTT packet "remaining length" (topic, packet id and payload), in
 *     bytes; a larger packet closes the client's connection. 0 means the factory's configured default
 *     ({@value #DEFAULT_MAX_MESSAGE_BYTES} unless configured otherwise)
 * @param allowAnonymous whether a CONNECT without user name reaches {@link MqttServerHandler#authenticate} at all;
 *     false refuses it with CONNACK 0x05
 * @param consumedTopicFilters MQTT topic filters for point-to-point requests: a client PUBLISH whose topic matches
 *     one of them is delivered only to {@link MqttServerHandler#onPublish} and never routed to any subscriber.
 *     Default {@link #AWS_JOBS_REQUEST_TOPIC_FILTERS}
 * @param plainListenerEnabled whether the plain TCP listener on {@code port} runs (default true); false needs
 *     {@code tls}, and then {@link MqttServer#boundPort()} is -1
 * @param tls a TLS listener on the same host, or null (default) for none
 * @since 1.1 (plainListenerEnabled, tls)
 */
public record MqttServerOptions(String name, String host, int port, int maxMessageBytes, boolean allowAnonymous,
        List<String> consumedTopicFilters, boolean plainListenerEnabled, MqttTlsOptions tls) {

    /** Loopback: a listener is reachable from other hosts only when configured so. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** A 32 KB job document plus its JSON envelope and topic fit comfortably. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65536;

    /** The largest remaining length MQTT 3.1.1 can encode. */
    public static final int MAX_MESSAGE_BYTES_LIMIT = 268_435_455;

    /**
     * The four AWS IoT Jobs request topics, which AWS never routes through its broker: GetPendingJobExecutions,
     * StartNextPendingJobExecution, DescribeJobExecution (including {@code $next}) and UpdateJobExecution.
     */
    public static final List<String> AWS_JOBS_REQUEST_TOPIC_FILTERS = List.of(
            "$aws/things/+/jobs/get",
            "$aws/things/+/jobs/start-next",
            "$aws/things/+/jobs/+/get",
            "$aws/things/+/jobs/+/update");

    public MqttServerOptions {
        requireText(name, "name");
        requireText(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxMessageBytes < 0 || maxMessageBytes > MAX_MESSAGE_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "maxMessageBytes must be 0 (factory default) or 1.." + MAX_MESSAGE_BYTES_LIMIT + ", was " + maxMessageBytes);
        }
        consumedTopicFilters = List.copyOf(Objects.requireNonNull(consumedTopicFilters, "consumedTopicFilters"));
        consumedTopicFilters.forEach(MqttServerOptions::requireValidFilter);
        if (!plainListenerEnabled && tls == null) {
            throw new IllegalArgumentException("the plain listener can only be disabled when a TLS listener is set");
        }
        if (plainListenerEnabled && tls != null && port != 0 && port == tls.port()) {
            throw new IllegalArgumentException("the plain and the TLS listener cannot share port " + port);
        }
    }

    /** The options of version 1.0: a plain TCP listener only. */
    public MqttServerOptions(String name, String host, int port, int maxMessageBytes, boolean allowAnonymous,
            List<String> consumedTopicFilters) {
        this(name, host, port, maxMessageBytes, allowAnonymous, consumedTopicFilters, true, null);
    }

    /**
     * Loopback, the factory's default message size, no anonymous clients, the AWS Jobs request topics consumed.
     */
    public static MqttServerOptions defaults(String name, int port) {
        return new MqttServerOptions(name, DEFAULT_HOST, port, 0, false, AWS_JOBS_REQUEST_TOPIC_FILTERS);
    }

    public MqttServerOptions withHost(String newHost) {
        return new MqttServerOptions(name, newHost, port, maxMessageBytes, allowAnonymous, consumedTopicFilters,
                plainListenerEnabled, tls);
    }

    public MqttServerOptions withPort(int newPort) {
        return new MqttServerOptions(name, host, newPort, maxMessageBytes, allowAnonymous, consumedTopicFilters,
                plainListenerEnabled, tls);
    }

    public MqttServerOptions withMaxMessageBytes(int newMaxMessageBytes) {
        return new MqttServerOptions(name, host, port, newMaxMessageBytes, allowAnonymous, consumedTopicFilters,
                plainListenerEnabled, tls);
    }

    public MqttServerOptions withAllowAnonymous(boolean newAllowAnonymous) {
        return new MqttServerOptions(name, host, port, maxMessageBytes, newAllowAnonymous, consumedTopicFilters,
                plainListenerEnabled, tls);
    }

    public MqttServerOptions withConsumedTopicFilters(List<String> newFilters) {
        return new MqttServerOptions(name, host, port, maxMessageBytes, allowAnonymous, newFilters,
                plainListenerEnabled, tls);
    }

    /** Adds (or with null removes) the TLS listener. */
    public MqttServerOptions withTls(MqttTlsOptions newTls) {
        return new MqttServerOptions(name, host, port, maxMessageBytes, allowAnonymous, consumedTopicFilters,
                plainListenerEnabled, newTls);
    }

    /** Turns the plain TCP listener on or off; off needs a TLS listener. */
    public MqttServerOptions withPlainListenerEnabled(boolean enabled) {
        return new MqttServerOptions(name, host, port, maxMessageBytes, allowAnonymous, consumedTopicFilters,
                enabled, tls);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requireValidFilter(String filter) {
        if (filter == null || filter.isEmpty() || filter.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("invalid topic filter: '" + filter + "'");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcardInside = (level.contains("+") || level.contains("#")) && level.length() > 1;
            boolean hashNotLast = level.equals("#") && i != levels.length - 1;
            if (wildcardInside || hashNotLast) {
                throw new IllegalArgumentException("invalid topic filter: '" + filter + "'");
            }
        }
    }
}
