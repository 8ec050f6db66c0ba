package io.edgejobs.device.http.internal;

import io.edgejobs.api.jobs.ValidationLimits;
import io.edgejobs.tls.LoopbackHosts;
import io.edgejobs.wire.TimestampUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The listener's settings, immutable and checked: plain HTTP only on loopback, a device CA only with a server
 * certificate, bounds on body size, threads and timeout.
 *
 * @param host address to bind
 * @param port TCP port, 0 for any
 * @param tls the TLS files, or null for plain HTTP
 * @param maxBodyBytes largest request body read
 * @param workerThreads requests handled at the same time
 * @param requestTimeout longest wait for the data plane's answer
 * @param limits request validation limits
 * @param timestampUnit unit of the times in answers
 */
record DeviceHttpOptions(String host, int port, TlsFiles tls, int maxBodyBytes, int workerThreads,
        Duration requestTimeout, ValidationLimits limits, TimestampUnit timestampUnit) {

    static final int MIN_BODY_BYTES = 1024;
    static final int MAX_BODY_BYTES = 1024 * 1024;

    static final DeviceHttpOptions DEFAULTS = new DeviceHttpOptions("127.0.0.1", 8443, null, 65536, 4,
            Duration.ofSeconds(30), ValidationLimits.DEFAULTS, TimestampUnit.SECONDS);

    DeviceHttpOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timestampUnit, "timestampUnit");
        host = host.trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be " + MIN_BODY_BYTES + ".." + MAX_BODY_BYTES
                    + ", was " + maxBodyBytes);
        }
        if (workerThreads < 1 || workerThreads > 64) {
            throw new IllegalArgumentException("workerThreads must be 1..64, was " + workerThreads);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        if (tls == null && !LoopbackHosts.isLoopback(host)) {
            throw new IllegalArgumentException("plain HTTP is served on a loopback address only, but host is '"
                    + host + "': configure serverCertificatePath and serverPrivateKeyPath (and deviceCaPath for "
                    + "mutual TLS), or set host to 127.0.0.1");
        }
    }

    /**
     * The options of a configuration.
     *
     * @throws IllegalArgumentException naming the attribute that is wrong
     */
    static DeviceHttpOptions from(Config config) {
        ValidationLimits limits = ValidationLimits.forConfiguredValueLength(config.statusDetailValueMaxLength());
        TimestampUnit unit;
        try {
            unit = TimestampUnit.valueOf(config.timestampUnit().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("timestampUnit must be SECONDS or MILLISECONDS, was '"
                    + config.timestampUnit() + "'");
        }
        return new DeviceHttpOptions(config.host(), config.port(), tlsFiles(config), config.maxBodyBytes(),
                config.workerThreads(), Duration.ofSeconds(config.requestTimeoutSeconds()),
                limits, unit);
    }

    private static TlsFiles tlsFiles(Config config) {
        Path certificate = path(config.serverCertificatePath());
        Path key = path(config.serverPrivateKeyPath());
        Path cas = path(config.deviceCaPath());
        if (certificate == null && key == null) {
            if (cas != null) {
                throw new IllegalArgumentException("deviceCaPath needs serverCertificatePath and "
                        + "serverPrivateKeyPath: mutual TLS is TLS first");
            }
            return null;
        }
        if (certificate == null || key == null) {
            throw new IllegalArgumentException("serverCertificatePath and serverPrivateKeyPath go together; only "
                    + (certificate == null ? "serverPrivateKeyPath" : "serverCertificatePath") + " is set");
        }
        return new TlsFiles(certificate, key, cas);
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    DeviceHttpOptions withPort(int newPort) {
        return new DeviceHttpOptions(host, newPort, tls, maxBodyBytes, workerThreads, requestTimeout, limits,
                timestampUnit);
    }

    DeviceHttpOptions withTls(TlsFiles newTls) {
        return new DeviceHttpOptions(host, port, newTls, maxBodyBytes, workerThreads, requestTimeout, limits,
                timestampUnit);
    }

    DeviceHttpOptions withRequestTimeout(Duration timeout) {
        return new DeviceHttpOptions(host, port, tls, maxBodyBytes, workerThreads, timeout, limits, timestampUnit);
    }

    DeviceHttpOptions withMaxBodyBytes(int bytes) {
        return new DeviceHttpOptions(host, port, tls, bytes, workerThreads, requestTimeout, limits, timestampUnit);
    }

    /** "http" or "https". */
    String scheme() {
        return tls == null ? "http" : "https";
    }
}
