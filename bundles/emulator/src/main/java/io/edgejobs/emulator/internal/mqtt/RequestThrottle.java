package io.edgejobs.emulator.internal.mqtt;

import io.edgejobs.api.dataplane.JobsOperation;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides RequestThrottled: a per-connection publish rate and the account-level read and write rates of the Jobs
 * data plane, each a token bucket over real time (the emulated clock's scale does not change them).
 */
public final class RequestThrottle {

    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, TokenBucket> connections = new ConcurrentHashMap<>();
    private volatile ThrottleLimits limits;
    private volatile TokenBucket reads;
    private volatile TokenBucket writes;

    public RequestThrottle(ThrottleLimits limits) {
        this(limits, System::nanoTime);
    }

    RequestThrottle(ThrottleLimits limits, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        setLimits(limits);
    }

    public ThrottleLimits limits() {
        return limits;
    }

    /** New limits apply at once; every bucket starts full again. */
    public synchronized void setLimits(ThrottleLimits newLimits) {
        this.limits = Objects.requireNonNull(newLimits, "limits");
        this.reads = new TokenBucket(newLimits.accountReadsPerSecond(), nanoTime);
        this.writes = new TokenBucket(newLimits.accountWritesPerSecond(), nanoTime);
        connections.clear();
    }

    /** Counts one PUBLISH of a connection; false when the connection is over its rate. */
    public boolean allowPublish(String clientId) {
        int rate = limits.publishesPerSecondPerConnection();
        if (rate == 0) {
            return true;
        }
        return connections.computeIfAbsent(clientId, k -> new TokenBucket(rate, nanoTime)).tryAcquire();
    }

    /** Counts one request against the account's read or write rate; false when over it. */
    public boolean allowRequest(JobsOperation operation) {
        return switch (operation) {
            case GET_PENDING_JOB_EXECUTIONS, DESCRIBE_JOB_EXECUTION -> reads.tryAcquire();
            case START_NEXT_PENDING_JOB_EXECUTION, UPDATE_JOB_EXECUTION -> writes.tryAcquire();
        };
    }

    /** Forgets a closed connection's bucket. */
    public void connectionClosed(String clientId) {
        connections.remove(clientId);
    }
}
