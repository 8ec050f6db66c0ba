package io.edgejobs.device.mqtt.internal;

import io.edgejobs.api.jobs.ValidationLimits;
import io.edgejobs.api.mqtt.MqttServerOptions;
import io.edgejobs.api.mqtt.MqttTlsOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The listener's settings, immutable.
 *
 * @param host address to bind
 * @param port TCP port, 0 for any
 * @param maxMessageBytes largest accepted packet
 * @param allowAnonymous whether devices may connect without a user name
 * @param limits request validation limits
 * @param plainListenerEnabled whether the plain TCP listener on {@code port} runs; false needs {@code tls}
 * @param tls the TLS listener on the same host, null for none
 */
public record DeviceMqttOptions(String host, int port, int maxMessageBytes, boolean allowAnonymous,
        ValidationLimits limits, boolean plainListenerEnabled, MqttTlsOptions tls) {

    /**
     * Every topic of the Jobs namespace goes to the gateway only, never to other subscribers: requests are answered,
     * anything else there (a device publishing to {@code .../jobs/notify} or an unknown verb) is InvalidTopic.
     */
    static final List<String> CONSUMED_TOPICS = List.of("$aws/things/+/jobs/#");

    public static final DeviceMqttOptions DEFAULTS = new DeviceMqttOptions(MqttServerOptions.DEFAULT_HOST, 1883,
            MqttServerOptions.DEFAULT_MAX_MESSAGE_BYTES, true, ValidationLimits.DEFAULTS, true, null);

    public DeviceMqttOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limits, "limits");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxMessageBytes < 1024 || maxMessageBytes > MqttServerOptions.MAX_MESSAGE_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxMessageBytes must be 1024.."
                    + MqttServerOptions.MAX_MESSAGE_BYTES_LIMIT + ", was " + maxMessageBytes);
        }
        if (!plainListenerEnabled && tls == null) {
            throw new IllegalArgumentException("plainListenerEnabled=false needs the TLS listener "
                    + "(tlsCertificateFile and tlsPrivateKeyFile): otherwise no device could connect");
        }
        if (plainListenerEnabled && tls != null && port != 0 && port == tls.port()) {
            throw new IllegalArgumentException("port and tlsPort must differ, both are " + port);
        }
    }

    /** A plain listener only. */
    public DeviceMqttOptions(String host, int port, int maxMessageBytes, boolean allowAnonymous,
            ValidationLimits limits) {
        this(host, port, maxMessageBytes, allowAnonymous, limits, true, null);
    }

    static DeviceMqttOptions from(Config config) {
        ValidationLimits limits = ValidationLimits.forConfiguredValueLength(config.statusDetailValueMaxLength());
        return new DeviceMqttOptions(config.host().trim(), config.port(), config.maxMessageBytes(),
                config.allowAnonymous(), limits,
                config.plainListenerEnabled(), tls(config));
    }

    /** TLS is on when both the certificate chain and the key are set; mutual when the device CA file is set too. */
    private static MqttTlsOptions tls(Config config) {
        Path certificate = path(config.tlsCertificateFile());
        Path key = path(config.tlsPrivateKeyFile());
        Path deviceCa = path(config.tlsDeviceCaFile());
        if (certificate == null && key == null) {
            if (deviceCa != null) {
                throw new IllegalArgumentException("tlsDeviceCaFile is set but the TLS listener is not: set "
                        + "tlsCertificateFile and tlsPrivateKeyFile too");
            }
            return null;
        }
        if (certificate == null || key == null) {
            throw new IllegalArgumentException("the TLS listener needs both tlsCertificateFile and tlsPrivateKeyFile");
        }
        MqttTlsOptions tls = MqttTlsOptions.serverOnly(config.tlsPort(), certificate, key);
        return deviceCa == null ? tls : tls.withClientCaFile(deviceCa);
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    public DeviceMqttOptions withPort(int newPort) {
        return new DeviceMqttOptions(host, newPort, maxMessageBytes, allowAnonymous, limits, plainListenerEnabled,
                tls);
    }

    public DeviceMqttOptions withAllowAnonymous(boolean allow) {
        return new DeviceMqttOptions(host, port, maxMessageBytes, allow, limits, plainListenerEnabled, tls);
    }

    public DeviceMqttOptions withLimits(ValidationLimits newLimits) {
        return new DeviceMqttOptions(host, port, maxMessageBytes, allowAnonymous, newLimits, plainListenerEnabled,
                tls);
    }

    /** Adds (or with null removes) the TLS listener. */
    public DeviceMqttOptions withTls(MqttTlsOptions newTls) {
        return new DeviceMqttOptions(host, port, maxMessageBytes, allowAnonymous, limits, plainListenerEnabled,
                newTls);
    }

    public DeviceMqttOptions withPlainListenerEnabled(boolean enabled) {
        return new DeviceMqttOptions(host, port, maxMessageBytes, allowAnonymous, limits, enabled, tls);
    }

    /** The MQTT listener's options. */
    MqttServerOptions serverOptions() {
        return MqttServerOptions.defaults("gateway", port).withHost(host).withMaxMessageBytes(maxMessageBytes)
                .withAllowAnonymous(allowAnonymous).withConsumedTopicFilters(CONSUMED_TOPICS).withTls(tls)
                .withPlainListenerEnabled(plainListenerEnabled);
    }

    /** Whether going from this to {@code next} needs a new listener (which drops every device connection). */
    boolean needsNewListener(DeviceMqttOptions next) {
        return !host.equals(next.host) || port != next.port || maxMessageBytes != next.maxMessageBytes
                || allowAnonymous != next.allowAnonymous || plainListenerEnabled != next.plainListenerEnabled
                || !Objects.equals(tls, next.tls);
    }
}
