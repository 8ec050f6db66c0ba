package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import java.util.Objects;
import java.util.Optional;

/**
 * The version devices are shown for an execution the cloud ended while the gateway was away (docs/reconciliation.md,
 * "Presented version of a terminal conflict").
 *
 * <p>When the cloud wins with a terminal status at cloud version c and the gateway had told devices version l, the
 * cached record takes the cloud's status and details at version p = max(c, l + 1) (c when the record already was
 * exactly the cloud's state), and the {@link CloudState} keeps c. A terminal execution never changes in the cloud
 * again, so the pair (record at p, cloud state at c, same terminal status, p &gt; c) is a stable mapping: every
 * answer the gateway relays for that execution shows p where the cloud says c, the cache never takes c back, and a
 * device's expectedVersion p is sent to the cloud as c. Versions a device sees therefore never go back.
 *
 * <p>The mapping is read from the store each time (record and cloud state); nothing else is kept.
 */
final class PresentedVersions {

    private final JobStore store;

    PresentedVersions(JobStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The version of the record devices see once the cloud won with a terminal state: the cloud's when the record
     * already says exactly that, else one past what they were told, unless the cloud is further on.
     */
    static long afterTerminalConflict(ExecutionRecord local, JobExecutionState cloud) {
        if (alreadyCloudState(local, cloud)) {
            return cloud.versionNumber();
        }
        return Math.max(cloud.versionNumber(), local.versionNumber() + 1);
    }

    /** Whether the record already is exactly the cloud's state (status, details and version). */
    static boolean alreadyCloudState(ExecutionRecord local, JobExecutionState cloud) {
        return local.status() == cloud.status() && local.statusDetails().equals(cloud.statusDetails())
                && local.versionNumber() == cloud.versionNumber();
    }

    /** Whether the record presents another version than the cloud's for the same terminal state. */
    static boolean maps(ExecutionRecord record, CloudState cloud) {
        return record != null && cloud != null && record.status().isTerminal() && cloud.status() == record.status()
                && record.versionNumber() > cloud.versionNumber();
    }

    /**
     * Whether a state the cloud reports for the record's execution is the cloud side of a presented mapping (the
     * same terminal status at exactly the recorded cloud version): the record at p already holds it.
     */
    boolean covers(ExecutionRecord cached, JobExecutionStatus status, long cloudVersion) {
        if (cached == null || !cached.status().isTerminal() || cached.status() != status) {
            return false;
        }
        CloudState cloud = store.cloudState(cached.thingName(), cached.jobId(), cached.executionNumber())
                .orElse(null);
        return maps(cached, cloud) && cloud.versionNumber() == cloudVersion;
    }

    /** A proxied execution (Describe) as devices must see it: p instead of c when mapped. */
    JobExecution present(JobExecution execution) {
        return mapped(execution.thingName(), execution.jobId(), execution.executionNumber())
                .filter(m -> m.holds(execution.status(), execution.versionNumber()))
                .map(m -> new JobExecution(execution.jobId(), execution.thingName(), execution.jobDocument(),
                        execution.status(), execution.statusDetails(), execution.queuedAt(), execution.startedAt(),
                        execution.lastUpdatedAt(), m.presented(), execution.executionNumber(),
                        execution.approximateSecondsBeforeTimedOut()))
                .orElse(execution);
    }

    /**
     * The device's update as it is sent to the cloud: an expectedVersion equal to the presented version becomes the
     * cloud's, so that the cloud answers what it answers a device holding its current version.
     */
    UpdateJobExecutionRequest toCloud(UpdateJobExecutionRequest request) {
        if (request.expectedVersion() == null) {
            return request;
        }
        return mapped(request.thingName(), request.jobId(), request.executionNumber())
                .filter(m -> request.expectedVersion() == m.presented())
                .map(m -> new UpdateJobExecutionRequest(request.thingName(), request.jobId(), request.status(),
                        request.statusDetails(), m.cloud(), request.executionNumber(),
                        request.includeJobExecutionState(), request.includeJobDocument(),
                        request.stepTimeoutInMinutes(), request.clientToken()))
                .orElse(request);
    }

    /**
     * The cloud's rejection of a device's update (VersionMismatch, InvalidStateTransition) as the device must see
     * it: the executionState at p instead of c, and the code AWS gives a device that holds p — VersionMismatch
     * when its expectedVersion is another one (AWS checks the version first), else the cloud's code.
     *
     * @param request the device's request (not the one sent to the cloud)
     */
    JobsException rejection(UpdateJobExecutionRequest request, JobsException cloud) {
        JobExecutionState state = cloud.executionState();
        if (state == null) {
            return cloud;
        }
        Optional<Mapping> found = mapped(request.thingName(), request.jobId(), request.executionNumber())
                .filter(m -> m.holds(state.status(), state.versionNumber()));
        if (found.isEmpty()) {
            return cloud;
        }
        long presented = found.get().presented();
        JobExecutionState shown = new JobExecutionState(state.status(), state.statusDetails(), presented);
        Long expected = request.expectedVersion();
        if (expected != null && expected != presented) {
            return new JobsException(ErrorCode.VersionMismatch, "expectedVersion " + expected
                    + " does not match the job execution's versionNumber " + presented, shown);
        }
        return new JobsException(cloud.code(), cloud.getMessage(), shown);
    }

    /** The mapping of the named execution (the latest cached one of the job when no number is given), if any. */
    private Optional<Mapping> mapped(String thing, String jobId, Long executionNumber) {
        Optional<ExecutionRecord> record = executionNumber == null
                ? store.latestExecution(thing, jobId)
                : store.execution(thing, jobId, executionNumber);
        return record.filter(r -> r.status().isTerminal()) // most answers: no second read
                .flatMap(r -> store.cloudState(thing, jobId, r.executionNumber())
                        .filter(c -> maps(r, c))
                        .map(c -> new Mapping(r.status(), r.versionNumber(), c.versionNumber())));
    }

    private record Mapping(JobExecutionStatus status, long presented, long cloud) {

        boolean holds(JobExecutionStatus reported, long version) {
            return reported == status && version == cloud;
        }
    }
}
