package io.edgejobs.api.jobs;

import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The device's changes to executions, as pure functions shared by the cloud emulator and the offline gateway:
 * UpdateJobExecution and StartNextPendingJobExecution.
 *
 * <p>Requests are expected to have passed {@link RequestValidator}; these functions check only what depends on
 * the execution's state. Every accepted change increments versionNumber and sets lastUpdatedAt to {@code now}.
 */
public final class ExecutionUpdates {

    private final StatusDetailsMode statusDetailsMode;
    private final int maxStatusDetailsPairs;

    /** AWS behaviour as Edgejobs reads it: statusDetails replaced, default limits. */
    public ExecutionUpdates() {
        this(StatusDetailsMode.REPLACE, ValidationLimits.DEFAULTS);
    }

    public ExecutionUpdates(StatusDetailsMode statusDetailsMode, ValidationLimits limits) {
        this.statusDetailsMode = Objects.requireNonNull(statusDetailsMode, "statusDetailsMode");
        this.maxStatusDetailsPairs = Objects.requireNonNull(limits, "limits").maxStatusDetailsPairs();
    }

    public StatusDetailsMode statusDetailsMode() {
        return statusDetailsMode;
    }

    /**
     * Applies a device's UpdateJobExecution to the execution it names.
     *
     * <p>Order of checks: a status no device may set → InvalidRequest; {@code executionNumber} naming another
     * execution → ResourceNotFound; {@code expectedVersion} different from versionNumber → VersionMismatch with
     * the current state; a terminal execution → InvalidStateTransition with the current state. Then: startedAt is
     * set on the first IN_PROGRESS; going IN_PROGRESS starts the job's in-progress timer; stepTimeoutInMinutes sets
     * (n), discards (-1) or keeps (null) the step timer, never beyond the in-progress deadline; a terminal status
     * stops all timers; statusDetails are kept when null, else replaced or merged per {@link StatusDetailsMode}.
     *
     * @param current the execution (the latest of the job on the thing, or the one with the request's
     *        executionNumber)
     * @param request the device's request
     * @param now the time of the update
     * @return the execution before and after
     * @throws JobsException as described above
     */
    public ExecutionChange applyUpdate(ExecutionRecord current, UpdateJobExecutionRequest request, Instant now) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        requireSameJob(current, request.thingName(), request.jobId());
        JobExecutionStatus target = request.status();
        ExecutionStateMachine.requireDeviceSettable(target);
        if (request.executionNumber() != null && request.executionNumber() != current.executionNumber()) {
            throw new JobsException(ErrorCode.ResourceNotFound, "Job execution " + request.executionNumber()
                    + " of job " + request.jobId() + " on thing " + request.thingName() + " does not exist");
        }
        JobExecutionState state = ExecutionViews.toState(current);
        checkExpectedVersion(state, request.expectedVersion());
        ExecutionStateMachine.checkDevice(state, target);

        Map<String, String> details = statusDetailsMode.apply(current.statusDetails(), request.statusDetails(),
                maxStatusDetailsPairs);
        Instant startedAt = ExecutionRecords.startedAt(current, target, now);
        ExecutionTimers timers = ExecutionRecords.timers(current, target, request.stepTimeoutInMinutes(), now);
        return new ExecutionChange(current,
                ExecutionRecords.next(current, target, details, startedAt, timers, now));
    }

    /**
     * StartNextPendingJobExecution over the thing's executions.
     *
     * <p>The next pending execution is chosen in queue order (IN_PROGRESS first, then QUEUED by queuedAt). A
     * QUEUED one becomes IN_PROGRESS: startedAt = now, details from the request when given, the in-progress timer
     * and the request's step timer started. One already IN_PROGRESS is returned unchanged — its statusDetails
     * are not touched (AWS text) and neither is its step timer nor its version (Edgejobs decision: the call is
     * then a read; a device renews its step timer with UpdateJobExecution).
     *
     * @param executions the thing's executions (any statuses; other things' executions are ignored)
     * @param request the device's request
     * @param now the time of the call
     * @return the change, or empty when nothing is pending (AWS answers without {@code execution})
     */
    public Optional<ExecutionChange> startNext(Collection<ExecutionRecord> executions,
            StartNextPendingJobExecutionRequest request, Instant now) {
        Objects.requireNonNull(executions, "executions");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        Optional<ExecutionRecord> next = PendingJobs.next(executions.stream()
                .filter(r -> r.thingName().equals(request.thingName()))
                .toList());
        if (next.isEmpty()) {
            return Optional.empty();
        }
        ExecutionRecord current = next.get();
        if (current.status() == JobExecutionStatus.IN_PROGRESS) {
            return Optional.of(ExecutionChange.unchanged(current));
        }
        JobExecutionStatus target = JobExecutionStatus.IN_PROGRESS;
        Map<String, String> details = statusDetailsMode.apply(current.statusDetails(), request.statusDetails(),
                maxStatusDetailsPairs);
        ExecutionTimers timers = ExecutionRecords.timers(current, target, request.stepTimeoutInMinutes(), now);
        return Optional.of(new ExecutionChange(current, ExecutionRecords.next(current, target, details,
                ExecutionRecords.startedAt(current, target, now), timers, now)));
    }

    /**
     * Refuses a request whose {@code expectedVersion} differs from the execution's versionNumber.
     *
     * @throws JobsException VersionMismatch carrying {@code current}
     */
    public static void checkExpectedVersion(JobExecutionState current, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.versionNumber()) {
            throw new JobsException(ErrorCode.VersionMismatch, "expectedVersion " + expectedVersion
                    + " does not match the job execution's versionNumber " + current.versionNumber(), current);
        }
    }

    private static void requireSameJob(ExecutionRecord current, String thingName, String jobId) {
        if (!current.thingName().equals(thingName) || !current.jobId().equals(jobId)) {
            throw new IllegalArgumentException("request for " + thingName + "/" + jobId + " applied to execution "
                    + current.thingName() + "/" + current.jobId());
        }
    }
}
