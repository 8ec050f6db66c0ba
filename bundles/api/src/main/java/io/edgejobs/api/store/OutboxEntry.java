package io.edgejobs.api.store;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * A device update accepted locally and waiting to be replayed upstream.
 *
 * @param sequence the store-assigned position; replay follows it
 * @param request the device's update as it was accepted
 * @param localVersionNumber the versionNumber the gateway told the device after applying it
 * @param enqueuedAt when it was accepted
 * @param attempts how many times replay has been tried
 * @param increments how many accepted device updates the entry stands for: 1, or more when newer IN_PROGRESS
 *        updates of the same execution were merged into it ({@link StoreChange.MergeOutbox}); the replay sends it
 *        that many times so that the cloud's versionNumber ends at {@code localVersionNumber}
 */
public record OutboxEntry(long sequence, UpdateJobExecutionRequest request, long localVersionNumber,
        Instant enqueuedAt, int attempts, int increments) {
    public OutboxEntry {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        if (increments < 1) {
            throw new IllegalArgumentException("increments must be at least 1, was " + increments);
        }
    }

    /** An entry standing for one device update (the 1.0 shape). */
    public OutboxEntry(long sequence, UpdateJobExecutionRequest request, long localVersionNumber, Instant enqueuedAt,
            int attempts) {
        this(sequence, request, localVersionNumber, enqueuedAt, attempts, 1);
    }
}
