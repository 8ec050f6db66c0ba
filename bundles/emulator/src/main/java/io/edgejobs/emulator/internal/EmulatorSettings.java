package io.edgejobs.emulator.internal;

import io.edgejobs.api.jobs.StatusDetailsMode;
import io.edgejobs.api.jobs.ValidationLimits;
import io.edgejobs.emulator.internal.cloud.DataPlaneOptions;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the emulator is started with, from the DS configuration or the command line. Immutable; build from
 * {@link #defaults()} with the {@code with...} methods.
 *
 * @param mqttHost the MQTT listener's address (127.0.0.1 by default)
 * @param mqttPort its port (18883; 0 lets the OS choose)
 * @param httpHost the control-plane HTTP listener's address
 * @param httpPort its port (18080; 0 lets the OS choose)
 * @param dataFile the SQLite file that keeps state across restarts, or null for memory only
 * @param region the region in ARNs
 * @param accountId the account id in ARNs (12 digits)
 * @param throttle request-rate limits
 * @param clockScale emulated seconds per real second
 * @param dataPlane the rule choices of the data plane
 * @param maxActiveJobs how many jobs may be IN_PROGRESS at once (LimitExceededException beyond)
 * @param laneThreads threads running per-thing work
 * @param httpThreads threads answering the control plane
 */
public record EmulatorSettings(String mqttHost, int mqttPort, String httpHost, int httpPort, Path dataFile,
        String region, String accountId, ThrottleLimits throttle, double clockScale, DataPlaneOptions dataPlane,
        int maxActiveJobs, int laneThreads, int httpThreads) {

    public static final int DEFAULT_MQTT_PORT = 18883;
    public static final int DEFAULT_HTTP_PORT = 18080;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "123456789012";

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    public EmulatorSettings {
        requireText(mqttHost, "mqttHost");
        requireText(httpHost, "httpHost");
        requirePort(mqttPort, "mqttPort");
        requirePort(httpPort, "httpPort");
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must look like us-east-1, got " + region);
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
        }
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(dataPlane, "dataPlane");
        if (!(clockScale > 0)) {
            throw new IllegalArgumentException("clockScale must be > 0, got " + clockScale);
        }
        if (maxActiveJobs < 1) {
            throw new IllegalArgumentException("maxActiveJobs must be >= 1, got " + maxActiveJobs);
        }
        if (laneThreads < 1 || httpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be >= 1");
        }
    }

    /** Loopback listeners on 18883 / 18080, memory only, AWS's quotas and rules, real time. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(DEFAULT_HOST, DEFAULT_MQTT_PORT, DEFAULT_HOST, DEFAULT_HTTP_PORT, null,
                DEFAULT_REGION, DEFAULT_ACCOUNT, ThrottleLimits.AWS_DEFAULTS, 1.0, DataPlaneOptions.DEFAULTS, 100,
                Math.max(4, Runtime.getRuntime().availableProcessors() * 2), 4);
    }

    public EmulatorSettings withMqtt(String host, int port) {
        return new EmulatorSettings(host, port, httpHost, httpPort, dataFile, region, accountId, throttle, clockScale,
                dataPlane, maxActiveJobs, laneThreads, httpThreads);
    }

    public EmulatorSettings withHttp(String host, int port) {
        return new EmulatorSettings(mqttHost, mqttPort, host, port, dataFile, region, accountId, throttle, clockScale,
                dataPlane, maxActiveJobs, laneThreads, httpThreads);
    }

    public EmulatorSettings withDataFile(Path file) {
        return new EmulatorSettings(mqttHost, mqttPort, httpHost, httpPort, file, region, accountId, throttle,
                clockScale, dataPlane, maxActiveJobs, laneThreads, httpThreads);
    }

    public EmulatorSettings withAccount(String newRegion, String newAccountId) {
        return new EmulatorSettings(mqttHost, mqttPort, httpHost, httpPort, dataFile, newRegion, newAccountId,
                throttle, clockScale, dataPlane, maxActiveJobs, laneThreads, httpThreads);
    }

    public EmulatorSettings withThrottle(ThrottleLimits limits) {
        return new EmulatorSettings(mqttHost, mqttPort, httpHost, httpPort, dataFile, region, accountId, limits,
                clockScale, dataPlane, maxActiveJobs, laneThreads, httpThreads);
    }

    public EmulatorSettings withClockScale(double scale) {
        return new EmulatorSettings(mqttHost, mqttPort, httpHost, httpPort, dataFile, region, accountId, throttle,
                scale, dataPlane, maxActiveJobs, laneThreads, httpThreads);
    }

    public EmulatorSettings withDataPlane(DataPlaneOptions options) {
        return new EmulatorSettings(mqttHost, mqttPort, httpHost, httpPort, dataFile, region, accountId, throttle,
                clockScale, options, maxActiveJobs, laneThreads, httpThreads);
    }

    public EmulatorSettings withMaxActiveJobs(int max) {
        return new EmulatorSettings(mqttHost, mqttPort, httpHost, httpPort, dataFile, region, accountId, throttle,
                clockScale, dataPlane, max, laneThreads, httpThreads);
    }

    /** The data plane's options from their parts. */
    public static DataPlaneOptions dataPlane(int statusDetailValueMaxLength, StatusDetailsMode mode,
            boolean terminalDescribeIsError) {
        return new DataPlaneOptions(ValidationLimits.DEFAULTS.withMaxStatusDetailValueLength(statusDetailValueMaxLength),
                mode, terminalDescribeIsError);
    }

    /**
     * Whether going from this to {@code next} needs the emulator restarted (listeners, data file, ARNs, rules);
     * throttling limits and the clock scale apply live.
     */
    public boolean needsRestartFor(EmulatorSettings next) {
        return !mqttHost.equals(next.mqttHost) || mqttPort != next.mqttPort || !httpHost.equals(next.httpHost)
                || httpPort != next.httpPort || !Objects.equals(dataFile, next.dataFile)
                || !region.equals(next.region) || !accountId.equals(next.accountId)
                || !dataPlane.equals(next.dataPlane) || laneThreads != next.laneThreads
                || httpThreads != next.httpThreads;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0..65535, got " + port);
        }
    }
}
