package io.edgejobs.engine.internal;

import java.util.concurrent.atomic.AtomicLong;

/** The replay's counters since the engine started; read as {@link ReplayStatistics}. */
final class ReplayCounters {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong confirmed = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();

    ReplayStatistics snapshot() {
        return new ReplayStatistics(sent.get(), confirmed.get(), throttled.get(), failures.get(), conflicts.get());
    }
}
