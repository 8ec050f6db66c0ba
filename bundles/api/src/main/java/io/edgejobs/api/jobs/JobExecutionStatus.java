package io.edgejobs.api.jobs;

/**
 * The eight statuses of an AWS IoT Jobs job execution, as listed in the JobExecution data type
 * ("QUEUED|IN_PROGRESS|FAILED|SUCCEEDED|CANCELED|TIMED_OUT|REJECTED|REMOVED") and in the
 * iot-jobs-data service model's {@code JobExecutionStatus} enum.
 *
 * <p>Who may set a status and whether it is terminal follow the job execution lifecycle of the AWS IoT
 * developer guide (iot-jobs-lifecycle.md): a device may report only IN_PROGRESS, SUCCEEDED, FAILED and
 * REJECTED; QUEUED, TIMED_OUT, REMOVED and CANCELED are decided by the service.
 */
public enum JobExecutionStatus {
    QUEUED(Actor.SERVICE, false),
    IN_PROGRESS(Actor.DEVICE, false),
    SUCCEEDED(Actor.DEVICE, true),
    FAILED(Actor.DEVICE, true),
    TIMED_OUT(Actor.SERVICE, true),
    REJECTED(Actor.DEVICE, true),
    REMOVED(Actor.SERVICE, true),
    CANCELED(Actor.SERVICE, true);

    private final Actor setBy;
    private final boolean terminal;

    JobExecutionStatus(Actor setBy, boolean terminal) {
        this.setBy = setBy;
        this.terminal = terminal;
    }

    /** Who may move an execution into this status. */
    public Actor setBy() {
        return setBy;
    }

    /** A terminal execution never changes again; further updates are rejected with InvalidStateTransition. */
    public boolean isTerminal() {
        return terminal;
    }

    /** QUEUED and IN_PROGRESS executions are "pending": listed by GetPendingJobExecutions and notify. */
    public boolean isPending() {
        return !terminal;
    }

    /** Parses the wire name; returns null for an unknown name so that callers can answer InvalidRequest. */
    public static JobExecutionStatus fromWire(String name) {
        if (name == null) {
            return null;
        }
        for (JobExecutionStatus s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
