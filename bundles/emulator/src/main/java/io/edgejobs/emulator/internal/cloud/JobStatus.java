package io.edgejobs.emulator.internal.cloud;

/** The status of a job (control plane {@code Job.status}); the emulator uses all but SCHEDULED. */
public enum JobStatus {
    IN_PROGRESS,
    CANCELED,
    DELETION_IN_PROGRESS,
    SCHEDULED,
    COMPLETED;

    /** Whether the job can still change executions (create retries, be cancelled without force escalation). */
    public boolean isActive() {
        return this == IN_PROGRESS;
    }
}
