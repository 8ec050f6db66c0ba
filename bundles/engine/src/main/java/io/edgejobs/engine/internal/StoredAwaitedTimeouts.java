package io.edgejobs.engine.internal;

import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The executions {@link AwaitedTimeouts} held when the gateway stopped, derived from the store at start (no state
 * of their own is stored; docs/reconciliation.md, "Timers of an execution started offline"). An execution was
 * awaited when the replay confirmed an entry of it after the gateway had timed it out locally, and the cloud has
 * not confirmed the timeout since. In the store that is exactly:
 * <ul>
 * <li>the cached record is TIMED_OUT (the local timeout stands; a conflict the cloud won would have replaced it);
 * <li>no outbox entries (with entries the execution is dirty: its start waits for the replay, which awaits it
 * then);
 * <li>a {@link CloudState} of a non-terminal status (the cloud has not timed it out, nor ended it otherwise),
 * confirmed at or after the local timeout ({@code lastUpdatedAt} of the record is the deadline): only the replay
 * records the cloud's IN_PROGRESS after the local timeout — an execution the cloud started itself, timed out
 * locally while the link was down, keeps the CloudState confirmed before its deadline, and the cloud's timer runs
 * at the same instant as the gateway's;
 * <li>that CloudState is not an audit's: no audit of the execution recorded at or after it with the same cloud
 * status and version. The bound's verdict (the cloud still running it, {@code VERSION_REALIGNED}) records its
 * audit with the CloudState in one commit; the replay's confirmation never audits (a realignment during the
 * replay does, but the entry's confirmation then records a newer CloudState).
 * </ul>
 */
final class StoredAwaitedTimeouts {

    /** One awaited execution. */
    record Execution(String thing, String jobId, long executionNumber) {
        Execution {
            Objects.requireNonNull(thing, "thing");
            Objects.requireNonNull(jobId, "jobId");
        }
    }

    private StoredAwaitedTimeouts() {
    }

    /** The awaited executions in the store, by thing. */
    static List<Execution> in(JobStore store) {
        List<Execution> awaited = new ArrayList<>();
        List<ConflictRecord> audit = null;
        for (String thing : store.knownThings()) {
            for (ExecutionRecord r : store.executions(thing)) {
                if (r.status() != JobExecutionStatus.TIMED_OUT) {
                    continue;
                }
                Optional<CloudState> cloud = store.cloudState(thing, r.jobId(), r.executionNumber())
                        .filter(c -> !c.status().isTerminal())
                        .filter(c -> !c.confirmedAt().isBefore(r.lastUpdatedAt()));
                if (cloud.isEmpty() || !store.outbox(thing, r.jobId(), r.executionNumber()).isEmpty()) {
                    continue;
                }
                if (audit == null) {
                    audit = store.conflicts(Integer.MAX_VALUE); // only read when a candidate exists
                }
                if (!auditedSince(audit, r, cloud.get())) {
                    awaited.add(new Execution(thing, r.jobId(), r.executionNumber()));
                }
            }
        }
        return awaited;
    }

    private static boolean auditedSince(List<ConflictRecord> audit, ExecutionRecord r, CloudState cloud) {
        return audit.stream().anyMatch(c -> c.thingName().equals(r.thingName()) && c.jobId().equals(r.jobId())
                && c.executionNumber() == r.executionNumber() && !c.recordedAt().isBefore(cloud.confirmedAt())
                && c.cloudStatus() == cloud.status() && Long.valueOf(cloud.versionNumber()).equals(c.cloudVersion()));
    }
}
