package io.edgejobs.engine.internal;

import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.Timeouts;
import io.edgejobs.api.store.CloudState;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the replay does when the cloud decided otherwise while the gateway was away: the owner of the decision
 * wins (docs/reconciliation.md). Each resolution is one commit on the thing's cache lane — the execution's
 * outbox entries dropped, the cached record changed, the audit record written — followed by a WARN line naming
 * thing, job, local and cloud state, and by notify / notify-next to the devices when their pending list or next
 * job changed.
 *
 * <p>A record the cloud won with a terminal status takes the cloud's status and details, at the version
 * {@link PresentedVersions#afterTerminalConflict}: one past what the devices were told (or the cloud's, if higher),
 * so that the versions a device sees never go back; the {@link CloudState} keeps the cloud's version, and
 * {@link PresentedVersions} translates between the two for as long as the execution exists. The audit keeps the
 * local and the cloud version.
 */
final class ConflictRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictRecorder.class);

    private final JobStore store;
    private final ThingLanes lanes;
    private final LocalCommits commits;
    private final Clock clock;

    ConflictRecorder(JobStore store, ThingLanes lanes, LocalCommits commits, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.commits = Objects.requireNonNull(commits, "commits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cloud ended the execution (cancel, removal, timeout, another terminal status): it wins. */
    CompletableFuture<Void> cloudWins(String thing, String jobId, long executionNumber, JobExecutionState cloud,
            String reason) {
        return resolve(thing, jobId, executionNumber, kindOf(cloud.status()), cloud, reason);
    }

    /** The cloud has no such execution any more: it leaves the cache. */
    CompletableFuture<Void> deleted(String thing, String jobId, long executionNumber, String reason) {
        return resolve(thing, jobId, executionNumber, ConflictKind.DELETED_IN_CLOUD, null, reason);
    }

    /** The cloud refused one replayed update as invalid: it is dropped (it can never be applied). */
    CompletableFuture<Void> refused(String thing, OutboxEntry entry, String reason) {
        return lanes.submit(thing, () -> {
            Instant now = clock.instant();
            String jobId = entry.request().jobId();
            long number = entry.request().executionNumber();
            ExecutionRecord local = store.execution(thing, jobId, number).orElse(null);
            LOG.error("thing {} job {}: execution {}: AWS IoT refused the replayed update {} v{} ({}); it can never "
                    + "be applied and was dropped from the outbox", thing, jobId, number, entry.request().status(),
                    entry.localVersionNumber(), reason);
            return store.commit(List.of(new StoreChange.RemoveOutbox(entry.sequence()), new StoreChange
                    .RecordConflict(audit(now, thing, jobId, number, ConflictKind.REFUSED_BY_CLOUD, local, null, 1,
                            reason)))).toCompletableFuture();
        });
    }

    /** The cloud's version was not the expected one (no terminal status): the update is re-sent on it. */
    CompletableFuture<Void> realigned(String thing, OutboxEntry entry, JobExecutionState cloud, long expected,
            String reason) {
        return lanes.submit(thing, () -> {
            Instant now = clock.instant();
            String jobId = entry.request().jobId();
            long number = entry.request().executionNumber();
            ExecutionRecord local = store.execution(thing, jobId, number).orElse(null);
            LOG.warn("thing {} job {}: execution {}: AWS IoT is at {} v{} where the replay expected v{} ({}); the "
                    + "update is sent again on the cloud's version", thing, jobId, number, cloud.status(),
                    cloud.versionNumber(), expected, reason);
            return store.commit(List.of(cloudState(thing, jobId, number, cloud, now), new StoreChange.RecordConflict(
                    audit(now, thing, jobId, number, ConflictKind.VERSION_REALIGNED, local, cloud, 0, reason))))
                    .toCompletableFuture();
        });
    }

    /**
     * The cloud did not time out an execution the gateway had timed out locally, although its replayed step timer
     * has passed: audited (as {@link ConflictKind#VERSION_REALIGNED}: the cloud is at another version without a
     * terminal status) and logged; the local TIMED_OUT stays, as the devices were told, and the cloud's state is
     * recorded. Nothing is dropped (the outbox has no entry of the execution any more).
     */
    CompletableFuture<Void> timeoutNotTaken(String thing, String jobId, long number, JobExecutionState cloud,
            Duration waited) {
        return lanes.submit(thing, () -> {
            Instant now = clock.instant();
            ExecutionRecord local = store.execution(thing, jobId, number).orElse(null);
            String reason = "AWS IoT did not time out the execution within " + waited.toSeconds()
                    + " s of the replayed step timer; the local timeout stands";
            LOG.warn("thing {} job {}: execution {}: {}: the cloud shows {} v{} where the gateway timed it out "
                    + "locally ({}); its requests go to AWS IoT again", thing, jobId, number,
                    ConflictKind.VERSION_REALIGNED, cloud.status(), cloud.versionNumber(),
                    local == null ? "(not cached)" : local.status() + " v" + local.versionNumber());
            return store.commit(List.of(cloudState(thing, jobId, number, cloud, now), new StoreChange.RecordConflict(
                    audit(now, thing, jobId, number, ConflictKind.VERSION_REALIGNED, local, cloud, 0, reason))))
                    .toCompletableFuture();
        });
    }

    private CompletableFuture<Void> resolve(String thing, String jobId, long number, ConflictKind kind,
            JobExecutionState cloud, String reason) {
        return lanes.submit(thing, () -> {
            Instant now = clock.instant();
            List<ExecutionRecord> before = store.executions(thing);
            ExecutionRecord local = before.stream()
                    .filter(r -> r.jobId().equals(jobId) && r.executionNumber() == number).findFirst().orElse(null);
            List<OutboxEntry> entries = store.outbox(thing, jobId, number);
            List<StoreChange> changes = new ArrayList<>();
            entries.forEach(e -> changes.add(new StoreChange.RemoveOutbox(e.sequence())));
            List<ExecutionRecord> after = new ArrayList<>(before);
            after.removeIf(r -> r.jobId().equals(jobId) && r.executionNumber() == number);
            if (cloud == null) {
                changes.add(new StoreChange.DeleteExecution(thing, jobId, number));
            } else {
                changes.add(cloudState(thing, jobId, number, cloud, now));
                ExecutionRecord won = local == null ? null : cloudWon(local, cloud, now);
                if (won != null) {
                    changes.add(new StoreChange.PutExecution(won));
                    after.add(won);
                }
            }
            changes.add(new StoreChange.RecordConflict(audit(now, thing, jobId, number, kind, local, cloud,
                    entries.size(), reason)));
            LOG.warn("thing {} job {}: execution {}: {}: the cloud's {} wins over the local {}; {} device update(s) "
                    + "dropped from the outbox{} ({})", thing, jobId, number, kind,
                    cloud == null ? "deletion" : cloud.status() + " v" + cloud.versionNumber(),
                    local == null ? "(not cached)" : local.status() + " v" + local.versionNumber(), entries.size(),
                    presented(after, jobId, number, cloud), reason);
            return commits.commit(thing, before, after, changes, now);
        });
    }

    /** The record devices see once the cloud won; the local one when it already says the same. */
    private static ExecutionRecord cloudWon(ExecutionRecord local, JobExecutionState cloud, Instant now) {
        if (PresentedVersions.alreadyCloudState(local, cloud)) {
            return local;
        }
        boolean terminal = cloud.status().isTerminal();
        // only terminal states reach here (ReplayOutcome); a non-terminal one could move on in the cloud, so it
        // could not keep a presented version of its own
        long version = terminal ? PresentedVersions.afterTerminalConflict(local, cloud) : cloud.versionNumber();
        return new ExecutionRecord(local.thingName(), local.jobId(), local.executionNumber(), cloud.status(),
                cloud.statusDetails(), local.queuedAt(), local.startedAt(), now, version,
                terminal ? Timeouts.stopped(local.timers()) : local.timers());
    }

    /** The presented version, in the log line, when it differs from the cloud's. */
    private static String presented(List<ExecutionRecord> after, String jobId, long number, JobExecutionState cloud) {
        return after.stream().filter(r -> r.jobId().equals(jobId) && r.executionNumber() == number)
                .filter(r -> cloud != null && r.versionNumber() != cloud.versionNumber())
                .map(r -> "; devices see it at v" + r.versionNumber()).findFirst().orElse("");
    }

    private static StoreChange cloudState(String thing, String jobId, long number, JobExecutionState cloud,
            Instant now) {
        return new StoreChange.PutCloudState(new CloudState(thing, jobId, number, cloud.status(),
                cloud.versionNumber(), now));
    }

    private static ConflictRecord audit(Instant now, String thing, String jobId, long number, ConflictKind kind,
            ExecutionRecord local, JobExecutionState cloud, int dropped, String reason) {
        return new ConflictRecord(0, now, thing, jobId, number, kind, local == null ? null : local.status(),
                local == null ? null : local.versionNumber(), cloud == null ? null : cloud.status(),
                cloud == null ? null : cloud.versionNumber(), dropped, reason);
    }

    static ConflictKind kindOf(JobExecutionStatus cloudStatus) {
        return switch (cloudStatus) {
            case CANCELED -> ConflictKind.CANCELED_IN_CLOUD;
            case REMOVED -> ConflictKind.REMOVED_IN_CLOUD;
            case TIMED_OUT -> ConflictKind.TIMED_OUT_IN_CLOUD;
            default -> ConflictKind.ENDED_IN_CLOUD;
        };
    }
}
