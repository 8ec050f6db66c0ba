package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.ExecutionStateMachine;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.QueuedExecutions;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The retry decision of {@code jobExecutionsRetryConfig}: a FAILED or TIMED_OUT execution of an IN_PROGRESS job
 * is followed by a new QUEUED execution while the matching criterion allows more retries.
 *
 * <p>Counting (AWS does not spell it out): a criterion for FAILED (or TIMED_OUT) allows a retry while the number
 * of executions of the job on the thing that ended that way, the one just ended included, is at most its
 * {@code numberOfRetries}; ALL counts both kinds together. A specific criterion wins over ALL.
 */
final class Retries {
    private Retries() {
    }

    static Optional<ExecutionRecord> retryFor(Job job, Collection<ExecutionRecord> executionsOfJob,
            ExecutionRecord ended, Instant now) {
        if (job == null || !job.status().isActive() || !ExecutionStateMachine.isRetryable(ended.status())
                || job.retryCriteria().isEmpty()) {
            return Optional.empty();
        }
        RetryCriterion.FailureType type = ended.status() == JobExecutionStatus.FAILED
                ? RetryCriterion.FailureType.FAILED
                : RetryCriterion.FailureType.TIMED_OUT;
        Optional<RetryCriterion> criterion = job.retryCriteria().stream().filter(c -> c.failureType() == type)
                .findFirst()
                .or(() -> job.retryCriteria().stream()
                        .filter(c -> c.failureType() == RetryCriterion.FailureType.ALL).findFirst());
        if (criterion.isEmpty()) {
            return Optional.empty();
        }
        long failures = executionsOfJob.stream()
                .filter(r -> criterion.get().failureType() == RetryCriterion.FailureType.ALL
                        ? ExecutionStateMachine.isRetryable(r.status())
                        : r.status() == ended.status())
                .count();
        if (failures > criterion.get().numberOfRetries()) {
            return Optional.empty();
        }
        return Optional.of(QueuedExecutions.retryOf(ended, now));
    }
}
