package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.Timeouts;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The running timers of every IN_PROGRESS execution, ordered by deadline, so the sweeper finds the due ones without
 * scanning all executions.
 */
public final class Deadlines {

    private record Entry(Instant at, ExecutionKey key) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::at)
            .thenComparing(e -> e.key().thingName())
            .thenComparing(e -> e.key().jobId())
            .thenComparingLong(e -> e.key().executionNumber());

    private final ConcurrentSkipListSet<Entry> byTime = new ConcurrentSkipListSet<>(ORDER);
    private final ConcurrentHashMap<ExecutionKey, Entry> byKey = new ConcurrentHashMap<>();

    /** Records the execution's next deadline, or forgets it when none runs (or it is not IN_PROGRESS). */
    public void track(ExecutionRecord record) {
        ExecutionKey key = new ExecutionKey(record.thingName(), record.jobId(), record.executionNumber());
        Optional<Instant> at = record.status() == JobExecutionStatus.IN_PROGRESS
                ? Timeouts.nextDeadline(record.timers()).map(Timeouts.Deadline::at)
                : Optional.empty();
        byKey.compute(key, (k, old) -> {
            if (old != null) {
                byTime.remove(old);
            }
            if (at.isEmpty()) {
                return null;
            }
            Entry entry = new Entry(at.get(), k);
            byTime.add(entry);
            return entry;
        });
    }

    public void forget(ExecutionKey key) {
        byKey.computeIfPresent(key, (k, old) -> {
            byTime.remove(old);
            return null;
        });
    }

    /** The executions whose deadline is at or before {@code now}, earliest first (they stay tracked). */
    public List<ExecutionKey> due(Instant now) {
        List<ExecutionKey> due = new ArrayList<>();
        for (Entry e : byTime) {
            if (e.at().isAfter(now)) {
                break;
            }
            due.add(e.key());
        }
        return due;
    }

    /** The earliest deadline, if any timer runs. */
    public Optional<Instant> earliest() {
        var it = byTime.iterator();
        return it.hasNext() ? Optional.of(it.next().at()) : Optional.empty();
    }
}
