package io.edgejobs.engine.internal;

import io.edgejobs.api.status.ReplayStatus;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The replay's counters since the engine started; read as {@link ReplayStatistics} or {@link ReplayStatus}. */
final class ReplayCounters {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong confirmed = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong pauses = new AtomicLong();
    final AtomicReference<ReplayStatus.LastReplay> last = new AtomicReference<>();

    ReplayStatistics snapshot() {
        return new ReplayStatistics(sent.get(), confirmed.get(), throttled.get(), failures.get(), conflicts.get());
    }

    ReplayStatus status() {
        return new ReplayStatus(sent.get(), confirmed.get(), throttled.get(), failures.get(), conflicts.get(),
                pauses.get(), last.get());
    }
}
