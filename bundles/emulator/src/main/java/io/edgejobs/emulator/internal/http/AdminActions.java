package io.edgejobs.emulator.internal.http;

import io.edgejobs.emulator.internal.clock.EmulatorClock;
import io.edgejobs.emulator.internal.mqtt.FaultInjector;
import io.edgejobs.emulator.internal.mqtt.RequestThrottle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What the emulator-only admin endpoints ({@code /_emulator/...}) act on. */
public interface AdminActions {

    EmulatorClock clock();

    FaultInjector faults();

    RequestThrottle throttle();

    /**
     * Moves the emulated clock forward and returns once the timers that fell due have timed their executions out.
     *
     * @return the new emulated time
     */
    Instant advanceClock(Duration by);

    /** Closes every MQTT client connection; returns how many were closed. */
    int dropAllConnections();

    /** A summary for {@code GET /_emulator/status}: ports, store, counts, clock, faults, limits. */
    Map<String, Object> status();
}
