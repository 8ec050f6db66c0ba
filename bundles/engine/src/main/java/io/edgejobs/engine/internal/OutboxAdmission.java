package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.OutboxEntry;
import io.edgejobs.api.store.StoreChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how a device update accepted locally enters the outbox (case 11 of docs/reconciliation.md): appended
 * while the outbox holds fewer than {@code outboxMaxEntries} entries and fewer than {@code outboxMaxBytes} bytes
 * ({@link JobStore#outboxBytes()}, so it may pass the byte bound by one entry); beyond either, per
 * {@link OutboxFullPolicy}, merged into
 * the execution's last IN_PROGRESS entry not sent yet, or refused with RequestThrottled. A terminal status is never
 * merged, and nothing is ever dropped silently. Called on the thing's cache lane, inside the local write that
 * produced the update, before anything is committed.
 */
final class OutboxAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxAdmission.class);

    private final JobStore store;
    private final Supplier<OfflineOptions> options;

    OutboxAdmission(JobStore store, Supplier<OfflineOptions> options) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param request the update as it must be replayed (executionNumber resolved)
     * @param localVersion the versionNumber the device is told
     * @return the outbox change to commit with the execution
     * @throws JobsException RequestThrottled when the outbox is full and the update cannot be merged
     */
    StoreChange admit(UpdateJobExecutionRequest request, long localVersion, Instant now) {
        OfflineOptions bound = options.get();
        long size = store.outboxSize();
        long bytes = store.outboxBytes();
        if (size < bound.outboxMaxEntries() && bytes < bound.outboxMaxBytes()) {
            return new StoreChange.AppendOutbox(request, localVersion, now);
        }
        String fullness = size >= bound.outboxMaxEntries()
                ? size + " of " + bound.outboxMaxEntries() + " entries"
                : bytes + " of " + bound.outboxMaxBytes() + " bytes";
        if (bound.outboxFullPolicy() == OutboxFullPolicy.EVICT_SUPERSEDED_PROGRESS
                && request.status() == JobExecutionStatus.IN_PROGRESS) {
            List<OutboxEntry> ofExecution = store.outbox(request.thingName(), request.jobId(),
                    request.executionNumber());
            OutboxEntry last = ofExecution.isEmpty() ? null : ofExecution.get(ofExecution.size() - 1);
            if (last != null && last.attempts() == 0 && last.request().status() == JobExecutionStatus.IN_PROGRESS) {
                LOG.info("thing {} job {}: outbox full ({}): progress v{} merged into the waiting update "
                        + "v{} (entry {}, now standing for {} updates)", request.thingName(), request.jobId(), fullness,
                        localVersion, last.localVersionNumber(), last.sequence(), last.increments() + 1);
                return new StoreChange.MergeOutbox(last.sequence(), merged(last.request(), request), localVersion);
            }
        }
        LOG.warn("thing {} job {}: outbox full ({}, policy {}): {} refused with RequestThrottled",
                request.thingName(), request.jobId(), fullness, bound.outboxFullPolicy(), request.status());
        throw new JobsException(ErrorCode.RequestThrottled, "The gateway's outbox is full (" + size + " device "
                + "updates, " + bytes + " bytes wait for AWS IoT, which cannot be reached); the update was not "
                + "applied, retry later");
    }

    /** The newer update, keeping what it leaves unchanged from the older one (details, step timer). */
    private static UpdateJobExecutionRequest merged(UpdateJobExecutionRequest older, UpdateJobExecutionRequest newer) {
        return new UpdateJobExecutionRequest(newer.thingName(), newer.jobId(), newer.status(),
                newer.statusDetails() != null ? newer.statusDetails() : older.statusDetails(),
                newer.expectedVersion(), newer.executionNumber(), newer.includeJobExecutionState(),
                newer.includeJobDocument(),
                newer.stepTimeoutInMinutes() != null ? newer.stepTimeoutInMinutes() : older.stepTimeoutInMinutes(),
                newer.clientToken());
    }
}
