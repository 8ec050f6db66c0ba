package io.edgejobs.api.jobs;

import io.edgejobs.api.store.ExecutionRecord;
import java.util.Objects;

/**
 * The outcome of a rule applied to one execution: the record before and after, so that callers can store the new
 * one and compute notifications (compare the thing's pending list before and after with
 * {@link PendingJobs#decide}).
 *
 * @param before the execution as it was
 * @param after the execution as it is now; equal to {@code before} when the rule changed nothing
 */
public record ExecutionChange(ExecutionRecord before, ExecutionRecord after) {
    public ExecutionChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** A change that changed nothing (StartNext returning an execution already IN_PROGRESS). */
    public static ExecutionChange unchanged(ExecutionRecord record) {
        return new ExecutionChange(record, record);
    }

    /** Whether anything changed (and so whether the new record must be stored). */
    public boolean changed() {
        return !before.equals(after);
    }

    /** Whether the status changed. */
    public boolean statusChanged() {
        return before.status() != after.status();
    }

    /** Whether the execution left the pending list (went terminal). */
    public boolean becameTerminal() {
        return !before.status().isTerminal() && after.status().isTerminal();
    }
}
