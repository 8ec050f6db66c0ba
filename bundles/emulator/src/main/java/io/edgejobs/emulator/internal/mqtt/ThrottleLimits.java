package io.edgejobs.emulator.internal.mqtt;

/**
 * Request rates above which the emulator answers RequestThrottled, like AWS IoT's quotas (0 = unlimited).
 *
 * @param publishesPerSecondPerConnection every PUBLISH a connection sends (AWS IoT Core: 100 per second per
 *        connection)
 * @param accountReadsPerSecond DescribeJobExecution + GetPendingJobExecutions over all connections (AWS: 200)
 * @param accountWritesPerSecond StartNextPendingJobExecution + UpdateJobExecution over all connections (AWS: 200)
 */
public record ThrottleLimits(int publishesPerSecondPerConnection, int accountReadsPerSecond,
        int accountWritesPerSecond) {

    public static final ThrottleLimits AWS_DEFAULTS = new ThrottleLimits(100, 200, 200);
    public static final ThrottleLimits UNLIMITED = new ThrottleLimits(0, 0, 0);

    public ThrottleLimits {
        if (publishesPerSecondPerConnection < 0 || accountReadsPerSecond < 0 || accountWritesPerSecond < 0) {
            throw new IllegalArgumentException("throttling limits must not be negative");
        }
    }
}
