package io.edgejobs.device.mqtt.internal;

import io.edgejobs.api.jobs.ValidationLimits;
import io.edgejobs.api.mqtt.MqttServerOptions;
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
 */
public record DeviceMqttOptions(String host, int port, int maxMessageBytes, boolean allowAnonymous,
        ValidationLimits limits) {

    /**
     * Every topic of the Jobs namespace goes to the gateway only, never to other subscribers: requests are answered,
     * anything else there (a device publishing to {@code .../jobs/notify} or an unknown verb) is InvalidTopic.
     */
    static final List<String> CONSUMED_TOPICS = List.of("$aws/things/+/jobs/#");

    public static final DeviceMqttOptions DEFAULTS = new DeviceMqttOptions(MqttServerOptions.DEFAULT_HOST, 1883,
            MqttServerOptions.DEFAULT_MAX_MESSAGE_BYTES, true, ValidationLimits.DEFAULTS);

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
    }

    static DeviceMqttOptions from(Config config) {
        int valueLength = config.statusDetailValueMaxLength();
        if (valueLength != 1024 && valueLength != 128) {
            throw new IllegalArgumentException("statusDetailValueMaxLength must be 1024 or 128, was " + valueLength);
        }
        return new DeviceMqttOptions(config.host().trim(), config.port(), config.maxMessageBytes(),
                config.allowAnonymous(), ValidationLimits.DEFAULTS.withMaxStatusDetailValueLength(valueLength));
    }

    public DeviceMqttOptions withPort(int newPort) {
        return new DeviceMqttOptions(host, newPort, maxMessageBytes, allowAnonymous, limits);
    }

    public DeviceMqttOptions withAllowAnonymous(boolean allow) {
        return new DeviceMqttOptions(host, port, maxMessageBytes, allow, limits);
    }

    public DeviceMqttOptions withLimits(ValidationLimits newLimits) {
        return new DeviceMqttOptions(host, port, maxMessageBytes, allowAnonymous, newLimits);
    }

    /** The MQTT listener's options. */
    MqttServerOptions serverOptions() {
        return MqttServerOptions.defaults("gateway", port).withHost(host).withMaxMessageBytes(maxMessageBytes)
                .withAllowAnonymous(allowAnonymous).withConsumedTopicFilters(CONSUMED_TOPICS);
    }

    /** Whether going from this to {@code next} needs a new listener (which drops every device connection). */
    boolean needsNewListener(DeviceMqttOptions next) {
        return !host.equals(next.host) || port != next.port || maxMessageBytes != next.maxMessageBytes
                || allowAnonymous != next.allowAnonymous;
    }
}
