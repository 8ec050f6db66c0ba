package io.edgejobs.device.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = DeviceHttpComponent.PID, name = "Edgejobs device HTTPS data plane",
        description = "The AWS IoT Jobs HTTPS data plane (iot-jobs-data rest-json API: GetPendingJobExecutions, "
                + "StartNextPendingJobExecution, DescribeJobExecution, UpdateJobExecution) for devices, answered "
                + "by the gateway engine. HTTPS when a server certificate and key are set; mutual TLS when a device "
                + "CA is set, and then a device may act only on the thing named by its certificate's CN. Without "
                + "TLS it serves plain HTTP on a loopback address only.")
@interface Config {

    @AttributeDefinition(name = "Host",
            description = "Address to listen on. 127.0.0.1 (default) accepts clients on this machine only. Any "
                    + "other address (or 0.0.0.0) needs the server certificate and key; without them the "
                    + "component refuses to start.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "TCP port (8443, the port of AWS IoT's X.509 HTTPS endpoint, by default; 0 lets the "
                    + "system choose).")
    int port() default 8443;

    @AttributeDefinition(name = "Server certificate file", required = false,
            description = "PEM file with the gateway's server certificate (then its chain). Empty: plain HTTP, "
                    + "loopback only. A relative path is resolved against the gateway's working directory.")
    String serverCertificatePath() default "";

    @AttributeDefinition(name = "Server private key file", required = false,
            description = "PEM file with the server certificate's private key, unencrypted: PKCS#8 "
                    + "(BEGIN PRIVATE KEY, RSA or EC) or PKCS#1 (BEGIN RSA PRIVATE KEY). Protect it with file "
                    + "permissions; there is no key password attribute.")
    String serverPrivateKeyPath() default "";

    @AttributeDefinition(name = "Trusted device CA file", required = false,
            description = "PEM file with the CA certificate(s) that issue device certificates. When set, every "
                    + "client must present a certificate from these CAs (mutual TLS) and may act only on the thing "
                    + "named by its subject CN (another thing is answered 403 ForbiddenException). Needs the "
                    + "server certificate and key.")
    String deviceCaPath() default "";

    @AttributeDefinition(name = "Maximum request body (bytes)", min = "1024", max = "1048576",
            description = "Largest request body accepted. An UpdateJobExecution with 10 statusDetails of 1024 "
                    + "characters is about 12 KiB; the default 65536 leaves room for JSON escaping. A larger body "
                    + "is answered 413 RequestEntityTooLargeException without being read.")
    int maxBodyBytes() default 65536;

    @AttributeDefinition(name = "Worker threads", min = "1", max = "64",
            description = "Requests handled at the same time; further requests wait in the listener's queue.")
    int workerThreads() default 4;

    @AttributeDefinition(name = "Request timeout (seconds)", min = "1", max = "600",
            description = "Longest wait for the gateway engine's answer. After it the device gets 503 "
                    + "ServiceUnavailableException (the request may or may not have been applied). Keep it above "
                    + "the engine's own request timeout, which answers first in the normal case.")
    int requestTimeoutSeconds() default 30;

    @AttributeDefinition(name = "statusDetails value limit",
            description = "Longest statusDetails value accepted, in characters: 1024 as in the current AWS IoT Jobs "
                    + "API reference (default), or 128 as in the 2020 limits table. Longer is InvalidRequest.",
            options = {@Option(label = "1024 (current AWS API reference)", value = "1024"),
                @Option(label = "128 (AWS limits table of 2020)", value = "128")})
    int statusDetailValueMaxLength() default 1024;

    @AttributeDefinition(name = "Timestamp unit",
            description = "Unit of queuedAt, startedAt and lastUpdatedAt in answers. The service model documents "
                    + "milliseconds, a live capture of AWS showed seconds (see docs/decisions-wire.md); the SDKs "
                    + "read both as numbers.",
            options = {@Option(label = "Seconds since the epoch", value = "SECONDS"),
                @Option(label = "Milliseconds since the epoch", value = "MILLISECONDS")})
    String timestampUnit() default "SECONDS";
}
