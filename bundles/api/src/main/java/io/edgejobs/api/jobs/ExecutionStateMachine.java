package io.edgejobs.api.jobs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The job execution state machine of AWS IoT Jobs as one table: for every allowed (from, to) pair, who may cause
 * it and whether the service needs {@code force}.
 *
 * <p>Sources: the job execution lifecycle (iot-jobs-lifecycle.md, "Job execution states"), CancelJobExecution
 * ("force: ... only with force when IN_PROGRESS"), UpdateJobExecution ("IN_PROGRESS, FAILED, SUCCESS, or
 * REJECTED"). Where the documents are silent the table says what Edgejobs decided; docs/decisions-api.md has the
 * reasoning:
 * <ul>
 * <li>QUEUED → SUCCEEDED / FAILED by the device is allowed (not forbidden by any AWS text; REJECTED straight from
 * QUEUED is documented, and a device may finish a trivial job in one update).</li>
 * <li>IN_PROGRESS → REMOVED is not allowed: the lifecycle lists REMOVED only as an exit of QUEUED.</li>
 * <li>A device asking for a status it can never set (QUEUED, TIMED_OUT, CANCELED, REMOVED) gets InvalidRequest,
 * not InvalidStateTransition: it is a bad request parameter whatever the current state.</li>
 * </ul>
 *
 * <p>Retries are not transitions: a FAILED or TIMED_OUT execution stays terminal and the service queues a new
 * execution with the next executionNumber (see {@link QueuedExecutions#retryOf}).
 */
public final class ExecutionStateMachine {

    /**
     * One allowed status change.
     *
     * @param from the current status
     * @param to the new status
     * @param actor who may cause it
     * @param requiresForce whether the service must pass {@code force} (cancelling an IN_PROGRESS execution)
     */
    public record Transition(JobExecutionStatus from, JobExecutionStatus to, Actor actor, boolean requiresForce) {
        public Transition {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(actor, "actor");
        }
    }

    private static final List<Transition> TABLE = List.of(
            // QUEUED: "remains QUEUED until the device reports IN_PROGRESS, it is canceled, or it is removed"
            device(JobExecutionStatus.QUEUED, JobExecutionStatus.IN_PROGRESS),
            device(JobExecutionStatus.QUEUED, JobExecutionStatus.SUCCEEDED), // decision: AWS text silent
            device(JobExecutionStatus.QUEUED, JobExecutionStatus.FAILED), // decision: AWS text silent
            device(JobExecutionStatus.QUEUED, JobExecutionStatus.REJECTED),
            service(JobExecutionStatus.QUEUED, JobExecutionStatus.CANCELED, false),
            service(JobExecutionStatus.QUEUED, JobExecutionStatus.REMOVED, false),
            // IN_PROGRESS: "UpdateJobExecution can be invoked multiple times with a status of IN_PROGRESS"
            device(JobExecutionStatus.IN_PROGRESS, JobExecutionStatus.IN_PROGRESS),
            device(JobExecutionStatus.IN_PROGRESS, JobExecutionStatus.SUCCEEDED),
            device(JobExecutionStatus.IN_PROGRESS, JobExecutionStatus.FAILED),
            device(JobExecutionStatus.IN_PROGRESS, JobExecutionStatus.REJECTED),
            service(JobExecutionStatus.IN_PROGRESS, JobExecutionStatus.TIMED_OUT, false),
            service(JobExecutionStatus.IN_PROGRESS, JobExecutionStatus.CANCELED, true));

    private static final Map<JobExecutionStatus, Map<JobExecutionStatus, Transition>> BY_FROM = index();

    private ExecutionStateMachine() {
    }

    /** Every allowed transition; anything not listed (in particular anything out of a terminal status) is refused. */
    public static List<Transition> table() {
        return TABLE;
    }

    /** The allowed transition from one status to another, if any. */
    public static Optional<Transition> find(JobExecutionStatus from, JobExecutionStatus to) {
        Map<JobExecutionStatus, Transition> targets = BY_FROM.get(from);
        return Optional.ofNullable(targets == null ? null : targets.get(to));
    }

    /** Whether {@code actor} may move an execution from {@code from} to {@code to} (with or without force). */
    public static boolean isAllowed(JobExecutionStatus from, JobExecutionStatus to, Actor actor, boolean force) {
        return find(from, to)
                .filter(t -> t.actor() == actor)
                .filter(t -> !t.requiresForce() || force)
                .isPresent();
    }

    /** Whether a device may ever send this status in UpdateJobExecution (IN_PROGRESS, SUCCEEDED, FAILED, REJECTED). */
    public static boolean isDeviceSettable(JobExecutionStatus status) {
        return status != null && status.setBy() == Actor.DEVICE;
    }

    /** FAILED and TIMED_OUT executions may be retried by a job's retry configuration; the others never are. */
    public static boolean isRetryable(JobExecutionStatus status) {
        return status == JobExecutionStatus.FAILED || status == JobExecutionStatus.TIMED_OUT;
    }

    /**
     * Refuses a status a device can never set.
     *
     * @throws JobsException InvalidRequest naming the status
     */
    public static void requireDeviceSettable(JobExecutionStatus requested) {
        if (!isDeviceSettable(requested)) {
            throw new JobsException(ErrorCode.InvalidRequest, "status: " + requested
                    + " cannot be set by a device; allowed values are IN_PROGRESS, SUCCEEDED, FAILED, REJECTED");
        }
    }

    /**
     * Checks a device's status change.
     *
     * @param current the execution's current state (returned in the error)
     * @param requested the status the device asks for
     * @throws JobsException InvalidRequest for a status no device may set; InvalidStateTransition (carrying
     *         {@code current}) when the execution is terminal
     */
    public static void checkDevice(JobExecutionState current, JobExecutionStatus requested) {
        Objects.requireNonNull(current, "current");
        requireDeviceSettable(requested);
        if (!isAllowed(current.status(), requested, Actor.DEVICE, false)) {
            throw refused(current, requested, Actor.DEVICE);
        }
    }

    /**
     * Checks a change the service makes (time out, cancel, remove).
     *
     * @param current the execution's current state (returned in the error)
     * @param target the new status
     * @param force whether the caller passed force (CancelJobExecution / CancelJob {@code force})
     * @throws JobsException InvalidStateTransition (carrying {@code current}) when not allowed
     */
    public static void checkService(JobExecutionState current, JobExecutionStatus target, boolean force) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(target, "target");
        if (!isAllowed(current.status(), target, Actor.SERVICE, force)) {
            Optional<Transition> t = find(current.status(), target);
            if (t.isPresent() && t.get().actor() == Actor.SERVICE && t.get().requiresForce()) {
                throw new JobsException(ErrorCode.InvalidStateTransition, "Cannot change a job execution from "
                        + current.status() + " to " + target + " without force", current);
            }
            throw refused(current, target, Actor.SERVICE);
        }
    }

    private static JobsException refused(JobExecutionState current, JobExecutionStatus target, Actor actor) {
        String message = current.status().isTerminal()
                ? "Job execution is in terminal status " + current.status() + " and cannot be changed to " + target
                : "Cannot change a job execution from " + current.status() + " to " + target + " ("
                        + actor.name().toLowerCase(Locale.ROOT) + ")";
        return new JobsException(ErrorCode.InvalidStateTransition, message, current);
    }

    private static Transition device(JobExecutionStatus from, JobExecutionStatus to) {
        return new Transition(from, to, Actor.DEVICE, false);
    }

    private static Transition service(JobExecutionStatus from, JobExecutionStatus to, boolean force) {
        return new Transition(from, to, Actor.SERVICE, force);
    }

    private static Map<JobExecutionStatus, Map<JobExecutionStatus, Transition>> index() {
        Map<JobExecutionStatus, Map<JobExecutionStatus, Transition>> byFrom = new EnumMap<>(JobExecutionStatus.class);
        for (Transition t : TABLE) {
            Map<JobExecutionStatus, Transition> targets = byFrom.computeIfAbsent(t.from(),
                    k -> new EnumMap<>(JobExecutionStatus.class));
            if (targets.put(t.to(), t) != null) {
                throw new IllegalStateException("duplicate transition " + t);
            }
        }
        Map<JobExecutionStatus, Map<JobExecutionStatus, Transition>> frozen = new EnumMap<>(JobExecutionStatus.class);
        byFrom.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        return Collections.unmodifiableMap(frozen);
    }

    /** The statuses an execution in {@code from} may move to, by any actor. */
    public static List<JobExecutionStatus> targets(JobExecutionStatus from) {
        Map<JobExecutionStatus, Transition> targets = BY_FROM.get(from);
        return targets == null ? List.of() : List.copyOf(targets.keySet());
    }
}
