package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.StoreChange;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides how a device update accepted locally enters the outbox: appended as a new entry. Called on the thing's
 * cache lane, inside the local write that produced the update.
 */
class OutboxAdmission {

    private final JobStore store;

    OutboxAdmission(JobStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * @param request the update as it must be replayed (executionNumber resolved)
     * @param localVersion the versionNumber the device is told
     * @return the outbox change to commit with the execution
     */
    StoreChange admit(UpdateJobExecutionRequest request, long localVersion, Instant now) {
        return new StoreChange.AppendOutbox(request, localVersion, now);
    }

    JobStore store() {
        return store;
    }
}
