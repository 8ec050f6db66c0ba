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
 */
public record OutboxEntry(long sequence, UpdateJobExecutionRequest request, long localVersionNumber,
        Instant enqueuedAt, int attempts) {
    public OutboxEntry {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    }
}
