package io.edgejobs.api.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Timer arithmetic of job executions (jobs-configurations-details.md, "Timers for job timeouts").
 *
 * <p>The in-progress timer ({@code timeoutConfig.inProgressTimeoutInMinutes}) starts when the execution goes
 * IN_PROGRESS and cannot change afterwards. A step timer ({@code stepTimeoutInMinutes} of StartNext or Update)
 * replaces the previous step timer, {@code -1} discards it, and it "can't exceed the in-progress timer's absolute
 * bound": with a 20-minute in-progress timer started at 12:00, a 9-minute step timer set at 12:13 still times out
 * at 12:20. Terminal executions have no running timers.
 */
public final class Timeouts {

    /** The value of {@code stepTimeoutInMinutes} that discards the current step timer (UpdateJobExecution only). */
    public static final long DISCARD_STEP_TIMER = -1L;

    /** Which timer moves an execution to TIMED_OUT. */
    public enum TimerKind {
        /** The job-level in-progress timer. */
        IN_PROGRESS,
        /** The per-execution step timer. */
        STEP
    }

    /**
     * The next deadline of an execution.
     *
     * @param kind which timer
     * @param at when it fires
     */
    public record Deadline(TimerKind kind, Instant at) {
        public Deadline {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(at, "at");
        }
    }

    private Timeouts() {
    }

    /**
     * The earliest running deadline. When both timers fire at the same instant (a step timer capped by the
     * in-progress bound) the in-progress timer is reported, because it is the binding one.
     */
    public static Optional<Deadline> nextDeadline(ExecutionTimers timers) {
        if (timers == null) {
            return Optional.empty();
        }
        Instant inProgress = timers.inProgressDeadline();
        Instant step = timers.stepDeadline();
        if (inProgress == null && step == null) {
            return Optional.empty();
        }
        if (step == null || (inProgress != null && !step.isBefore(inProgress))) {
            return Optional.of(new Deadline(TimerKind.IN_PROGRESS, inProgress));
        }
        return Optional.of(new Deadline(TimerKind.STEP, step));
    }

    /** Whether a running timer has fired at {@code now}; a deadline equal to {@code now} has fired. */
    public static boolean isExpired(ExecutionTimers timers, Instant now) {
        Objects.requireNonNull(now, "now");
        return nextDeadline(timers).map(d -> !now.isBefore(d.at())).orElse(false);
    }

    /**
     * {@code approximateSecondsBeforeTimedOut}: whole seconds until the earliest running deadline, rounded down
     * (never overstating the time left) and never negative; null when no timer runs.
     */
    public static Long approximateSecondsBeforeTimedOut(ExecutionTimers timers, Instant now) {
        Objects.requireNonNull(now, "now");
        return nextDeadline(timers)
                .map(d -> Math.max(0L, Duration.between(now, d.at()).getSeconds()))
                .orElse(null);
    }

    /**
     * Starts the in-progress timer when the execution goes IN_PROGRESS, if the job has one and it is not already
     * running (it "can't be updated" once started).
     */
    public static ExecutionTimers startInProgressTimer(ExecutionTimers timers, Instant now) {
        Objects.requireNonNull(now, "now");
        ExecutionTimers t = timers == null ? ExecutionTimers.NONE : timers;
        if (t.inProgressTimeoutInMinutes() == null || t.inProgressDeadline() != null) {
            return t;
        }
        Instant deadline = now.plus(Duration.ofMinutes(t.inProgressTimeoutInMinutes()));
        Instant step = t.stepDeadline() == null ? null : earlier(t.stepDeadline(), deadline);
        return new ExecutionTimers(t.inProgressTimeoutInMinutes(), deadline, step);
    }

    /**
     * Applies a request's {@code stepTimeoutInMinutes}: null keeps the current step timer, {@code -1} discards it,
     * n sets a new one at {@code now + n} minutes, capped at the in-progress deadline.
     */
    public static ExecutionTimers applyStepTimeout(ExecutionTimers timers, Long stepTimeoutInMinutes, Instant now) {
        Objects.requireNonNull(now, "now");
        ExecutionTimers t = timers == null ? ExecutionTimers.NONE : timers;
        if (stepTimeoutInMinutes == null) {
            return t;
        }
        if (stepTimeoutInMinutes == DISCARD_STEP_TIMER) {
            return new ExecutionTimers(t.inProgressTimeoutInMinutes(), t.inProgressDeadline(), null);
        }
        if (stepTimeoutInMinutes < 1) {
            throw new IllegalArgumentException("stepTimeoutInMinutes must be positive or -1: " + stepTimeoutInMinutes);
        }
        Instant step = now.plus(Duration.ofMinutes(stepTimeoutInMinutes));
        if (t.inProgressDeadline() != null) {
            step = earlier(step, t.inProgressDeadline());
        }
        return new ExecutionTimers(t.inProgressTimeoutInMinutes(), t.inProgressDeadline(), step);
    }

    /** No running timer; the job's in-progress timeout setting is kept for the record. */
    public static ExecutionTimers stopped(ExecutionTimers timers) {
        if (timers == null || timers.inProgressTimeoutInMinutes() == null) {
            return ExecutionTimers.NONE;
        }
        return new ExecutionTimers(timers.inProgressTimeoutInMinutes(), null, null);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
