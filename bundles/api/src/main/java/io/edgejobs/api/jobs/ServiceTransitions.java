package io.edgejobs.api.jobs;

import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The changes the service makes to executions: time out, cancel, remove. Each accepted change increments
 * versionNumber, sets lastUpdatedAt and stops the timers; statusDetails are kept unless a cancel passes new ones.
 */
public final class ServiceTransitions {
    private ServiceTransitions() {
    }

    /**
     * IN_PROGRESS → TIMED_OUT ("the job execution status is set to TIMED_OUT" when a timer expires).
     *
     * @throws JobsException InvalidStateTransition when the execution is not IN_PROGRESS
     */
    public static ExecutionChange timeOut(ExecutionRecord current, Instant now) {
        return apply(current, JobExecutionStatus.TIMED_OUT, false, null, now);
    }

    /**
     * Times the execution out if one of its timers has fired at {@code now}. The new lastUpdatedAt is the
     * deadline that fired, not {@code now}: a gateway that catches up after a restart records when the execution
     * really timed out.
     *
     * @return the change, or empty when the execution is not IN_PROGRESS or no timer has fired
     */
    public static Optional<ExecutionChange> timeOutIfExpired(ExecutionRecord current, Instant now) {
        Objects.requireNonNull(current, "current");
        if (current.status() != JobExecutionStatus.IN_PROGRESS || !Timeouts.isExpired(current.timers(), now)) {
            return Optional.empty();
        }
        Instant firedAt = Timeouts.nextDeadline(current.timers()).orElseThrow().at();
        return Optional.of(timeOut(current, firedAt));
    }

    /**
     * CancelJobExecution / CancelJob: QUEUED → CANCELED, IN_PROGRESS → CANCELED only with force.
     *
     * @param current the execution
     * @param force whether the caller passed {@code force}
     * @param expectedVersion the version the caller expects, or null to skip the check
     * @param statusDetails new details (replacing the current ones), or null to keep them
     * @param now the time of the change
     * @throws JobsException VersionMismatch (checked first) or InvalidStateTransition, both carrying the state
     */
    public static ExecutionChange cancel(ExecutionRecord current, boolean force, Long expectedVersion,
            Map<String, String> statusDetails, Instant now) {
        Objects.requireNonNull(current, "current");
        ExecutionUpdates.checkExpectedVersion(ExecutionViews.toState(current), expectedVersion);
        return apply(current, JobExecutionStatus.CANCELED, force, statusDetails, now);
    }

    /**
     * QUEUED → REMOVED: the thing is no longer a target of the job (for example it left a dynamic thing group).
     *
     * @throws JobsException InvalidStateTransition when the execution is not QUEUED
     */
    public static ExecutionChange remove(ExecutionRecord current, Instant now) {
        return apply(current, JobExecutionStatus.REMOVED, false, null, now);
    }

    private static ExecutionChange apply(ExecutionRecord current, JobExecutionStatus target, boolean force,
            Map<String, String> statusDetails, Instant now) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(now, "now");
        ExecutionStateMachine.checkService(ExecutionViews.toState(current), target, force);
        Map<String, String> details = statusDetails == null ? current.statusDetails() : statusDetails;
        return new ExecutionChange(current, ExecutionRecords.next(current, target, details, current.startedAt(),
                Timeouts.stopped(current.timers()), now));
    }
}
