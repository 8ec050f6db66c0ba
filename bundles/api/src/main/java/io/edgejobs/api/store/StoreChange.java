package io.edgejobs.api.store;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import java.time.Instant;
import java.util.Objects;

/** One write to the store; a list of them is committed atomically by {@link JobStore#commit}. */
public sealed interface StoreChange {

    /** Inserts or replaces the execution with the same (thing, jobId, executionNumber). */
    record PutExecution(ExecutionRecord execution) implements StoreChange {
        public PutExecution {
            Objects.requireNonNull(execution, "execution");
        }
    }

    /** Removes an execution from the cache (for example when the cloud deleted it). */
    record DeleteExecution(String thingName, String jobId, long executionNumber) implements StoreChange {
        public DeleteExecution {
            Objects.requireNonNull(thingName, "thingName");
            Objects.requireNonNull(jobId, "jobId");
        }
    }

    /** Inserts or replaces a job document. */
    record PutDocument(JobDocumentRecord document) implements StoreChange {
        public PutDocument {
            Objects.requireNonNull(document, "document");
        }
    }

    /** Appends a device update to the outbox; the store assigns its sequence. */
    record AppendOutbox(UpdateJobExecutionRequest request, long localVersionNumber, Instant enqueuedAt)
            implements StoreChange {
        public AppendOutbox {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        }
    }

    /** Removes a replayed (or dropped) outbox entry. */
    record RemoveOutbox(long sequence) implements StoreChange {
    }

    /** Counts one more replay attempt of an outbox entry. */
    record CountOutboxAttempt(long sequence) implements StoreChange {
    }

    /** Records a thing as known to the gateway (seen on the local broker or configured). */
    record AddThing(String thingName, Instant firstSeen) implements StoreChange {
        public AddThing {
            Objects.requireNonNull(thingName, "thingName");
            Objects.requireNonNull(firstSeen, "firstSeen");
        }
    }
}
