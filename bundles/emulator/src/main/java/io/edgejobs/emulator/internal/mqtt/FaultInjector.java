package io.edgejobs.emulator.internal.mqtt;

import io.edgejobs.api.dataplane.JobsOperation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The faults tests can switch on, all measured in real time: refuse new MQTT connections for a while, delay every
 * response, lose the next responses (the request is still applied: the "ack lost" case). Dropping the current
 * connections is done by the MQTT front end itself.
 */
public final class FaultInjector {

    private final LongSupplier nanoTime;
    private volatile long refuseUntilNanos;
    private volatile boolean refusing;
    private volatile long delayMillis;
    private final AtomicInteger responsesToLose = new AtomicInteger();
    private volatile JobsOperation loseOnly;

    public FaultInjector() {
        this(System::nanoTime);
    }

    FaultInjector(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** New CONNECTs are refused (CONNACK "not authorized") for this long. */
    public void refuseConnectionsFor(Duration duration) {
        requireNotNegative(duration);
        refuseUntilNanos = nanoTime.getAsLong() + duration.toNanos();
        refusing = !duration.isZero();
    }

    public boolean isRefusingConnections() {
        if (!refusing) {
            return false;
        }
        if (nanoTime.getAsLong() - refuseUntilNanos >= 0) {
            refusing = false;
            return false;
        }
        return true;
    }

    /** Every response is sent this much later (0 switches the delay off). */
    public void delayResponses(Duration delay) {
        requireNotNegative(delay);
        delayMillis = delay.toMillis();
    }

    public long responseDelayMillis() {
        return delayMillis;
    }

    /**
     * The next {@code count} responses (of {@code operation} only, when not null) are not sent, though their
     * requests are applied.
     */
    public void loseNextResponses(int count, JobsOperation operation) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        loseOnly = operation;
        responsesToLose.set(count);
    }

    /** Whether this response is one to lose (counts it down). */
    public boolean loseResponse(JobsOperation operation) {
        JobsOperation only = loseOnly;
        if (only != null && only != operation) {
            return false;
        }
        return responsesToLose.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Switches every fault off. */
    public void clear() {
        refusing = false;
        delayMillis = 0;
        responsesToLose.set(0);
        loseOnly = null;
    }

    /** The current faults, for the status endpoint. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean refuse = isRefusingConnections();
        m.put("refusingConnections", refuse);
        m.put("refusingForMillis", refuse ? Math.max(0, (refuseUntilNanos - nanoTime.getAsLong()) / 1_000_000) : 0);
        m.put("responseDelayMillis", delayMillis);
        m.put("responsesToLose", responsesToLose.get());
        m.put("loseOnlyOperation", loseOnly == null ? null : loseOnly.name());
        return m;
    }

    private static void requireNotNegative(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + d);
        }
    }
}
