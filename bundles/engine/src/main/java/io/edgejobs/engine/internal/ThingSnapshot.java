package io.edgejobs.engine.internal;

import io.edgejobs.api.jobs.ServiceTransitions;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.StoreChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A thing's cached executions as a local change starts from them: as read ({@link #before()}) and as they are
 * once the timers due at {@code now} have fired ({@link #current()}), which is where a device's request applies.
 * The timeouts are changes of their own, committed with whatever the request changes. Used on the thing's cache
 * lane only.
 */
final class ThingSnapshot {

    private final List<ExecutionRecord> before;
    private final List<ExecutionRecord> current;
    private final List<StoreChange> changes = new ArrayList<>();
    private final List<ExecutionRecord> timedOut = new ArrayList<>();

    private ThingSnapshot(List<ExecutionRecord> before, Instant now) {
        this.before = List.copyOf(before);
        this.current = new ArrayList<>(before.size());
        for (ExecutionRecord record : before) {
            Optional<ExecutionRecord> expired = ServiceTransitions.timeOutIfExpired(record, now)
                    .map(c -> c.after());
            expired.ifPresent(r -> {
                timedOut.add(r);
                changes.add(new StoreChange.PutExecution(r));
            });
            current.add(expired.orElse(record));
        }
    }

    /** The thing's executions read from the store, with the timers due at {@code now} fired. */
    static ThingSnapshot of(List<ExecutionRecord> executions, Instant now) {
        return new ThingSnapshot(executions, now);
    }

    List<ExecutionRecord> before() {
        return before;
    }

    List<ExecutionRecord> current() {
        return List.copyOf(current);
    }

    /** The executions the timers moved to TIMED_OUT. */
    List<ExecutionRecord> timedOut() {
        return List.copyOf(timedOut);
    }

    /** The changes so far (timeouts, then whatever was {@linkplain #put put}). */
    List<StoreChange> changes() {
        return List.copyOf(changes);
    }

    /** Replaces (or adds) an execution in {@link #current()} and records the change. */
    void put(ExecutionRecord changed) {
        changes.add(new StoreChange.PutExecution(changed));
        for (int i = 0; i < current.size(); i++) {
            ExecutionRecord r = current.get(i);
            if (r.jobId().equals(changed.jobId()) && r.executionNumber() == changed.executionNumber()) {
                current.set(i, changed);
                return;
            }
        }
        current.add(changed);
    }

    /** Records a change that is not an execution (an outbox entry). */
    void add(StoreChange change) {
        changes.add(change);
    }

    /** The latest execution of the job (highest executionNumber), or the one with the given number. */
    Optional<ExecutionRecord> find(String jobId, Long executionNumber) {
        return current.stream()
                .filter(r -> r.jobId().equals(jobId))
                .filter(r -> executionNumber == null || r.executionNumber() == executionNumber)
                .max((a, b) -> Long.compare(a.executionNumber(), b.executionNumber()));
    }
}
