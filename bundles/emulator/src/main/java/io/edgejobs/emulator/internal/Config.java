package io.edgejobs.emulator.internal;

import io.edgejobs.api.jobs.StatusDetailsMode;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "io.edgejobs.emulator", name = "Edgejobs AWS IoT Jobs emulator",
    description = "A local stand-in for the AWS IoT Jobs cloud, for tests and demos: the device Jobs API over its own"
        + " MQTT listener and the job-management control plane over HTTP (AWS IoT rest-json paths, usable with the AWS"
        + " SDKs and CLI through an endpoint override). Off by default; never expose it beyond a test network: it"
        + " authenticates nobody. See docs/emulator.md.")
@interface Config {

    @AttributeDefinition(name = "Enabled",
        description = "Run the emulator. Off by default so that a production gateway never starts a fake cloud.")
    boolean enabled() default false;

    @AttributeDefinition(name = "MQTT host", description = "Address of the emulator's MQTT listener (loopback by default).")
    String mqttHost() default "127.0.0.1";

    @AttributeDefinition(name = "MQTT port", min = "0", max = "65535",
        description = "Port of the emulator's MQTT 3.1.1 listener (plain TCP, no TLS); 0 lets the OS choose.")
    int mqttPort() default 18883;

    @AttributeDefinition(name = "HTTP host", description = "Address of the control-plane HTTP listener (loopback by default).")
    String httpHost() default "127.0.0.1";

    @AttributeDefinition(name = "HTTP port", min = "0", max = "65535",
        description = "Port of the control-plane HTTP listener (AWS IoT job operations and /_emulator/ admin endpoints).")
    int httpPort() default 18080;

    @AttributeDefinition(name = "Data file", required = false,
        description = "SQLite file that keeps jobs and executions across restarts. Empty: in memory only.")
    String dataFile() default "";

    @AttributeDefinition(name = "Region", description = "Region used in ARNs (arn:aws:iot:REGION:ACCOUNT:thing/NAME).")
    String region() default "us-east-1";

    @AttributeDefinition(name = "Account id", description = "12-digit account id used in ARNs.")
    String accountId() default "123456789012";

    @AttributeDefinition(name = "Publishes per second per connection", min = "0",
        description = "PUBLISH rate per MQTT connection above which requests are answered RequestThrottled "
            + "(AWS IoT Core: 100). 0 = unlimited.")
    int publishesPerSecondPerConnection() default 100;

    @AttributeDefinition(name = "Account reads per second", min = "0",
        description = "DescribeJobExecution + GetPendingJobExecutions per second over all connections (AWS: 200). "
            + "0 = unlimited.")
    int accountReadsPerSecond() default 200;

    @AttributeDefinition(name = "Account writes per second", min = "0",
        description = "StartNextPendingJobExecution + UpdateJobExecution per second over all connections (AWS: 200). "
            + "0 = unlimited.")
    int accountWritesPerSecond() default 200;

    @AttributeDefinition(name = "Clock scale", min = "0.001", max = "604800",
        description = "Emulated seconds per real second; 60 makes a one-minute step timeout fire after one second. "
            + "Applied live.")
    double clockScale() default 1.0;

    @AttributeDefinition(name = "Max statusDetails value length", min = "1", max = "1024",
        description = "Longest statusDetails value accepted: 1024 (current AWS API reference) or 128 (2020 limits).")
    int statusDetailValueMaxLength() default 1024;

    @AttributeDefinition(name = "statusDetails mode",
        description = "What statusDetails in an update do to the current ones: REPLACE them (default) or MERGE into them.")
    StatusDetailsMode statusDetailsMode() default StatusDetailsMode.REPLACE;

    @AttributeDefinition(name = "Describe of a terminal execution is TerminalStateReached",
        description = "Answer DescribeJobExecution of an execution in a terminal status with the TerminalStateReached "
            + "error instead of the execution (off by default; see docs/emulator.md).")
    boolean terminalDescribeIsError() default false;

    @AttributeDefinition(name = "Max active jobs", min = "1",
        description = "Jobs that may be IN_PROGRESS at the same time; CreateJob beyond answers LimitExceededException.")
    int maxActiveJobs() default 100;
}
