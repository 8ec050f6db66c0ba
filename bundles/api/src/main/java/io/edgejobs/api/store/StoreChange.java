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

    /**
     * Removes an execution from the cache (for example when the cloud deleted it), with its {@link CloudState}.
     * Its outbox entries, if any, stay: they are removed with {@link RemoveOutbox}.
     */
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

    /**
     * Merges a newer device update into an existing entry of the same execution (the outbox is full and the
     * entry's IN_PROGRESS update is superseded): the entry's request becomes {@code request}, its local version
     * {@code localVersionNumber}, and its {@link OutboxEntry#increments()} grows by one. Sequence, enqueuedAt and
     * attempts stay. Merging an entry that is not there changes nothing.
     */
    record MergeOutbox(long sequence, UpdateJobExecutionRequest request, long localVersionNumber)
            implements StoreChange {
        public MergeOutbox {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * Inserts or replaces the cloud-confirmed state of an execution. {@link DeleteExecution} removes it with the
     * execution.
     */
    record PutCloudState(CloudState state) implements StoreChange {
        public PutCloudState {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * Appends a conflict to the reconciliation audit; the store assigns its id (the record's own id is ignored)
     * and keeps at least the newest 10 000 records.
     */
    record RecordConflict(ConflictRecord conflict) implements StoreChange {
        public RecordConflict {
            Objects.requireNonNull(conflict, "conflict");
        }
    }

    /** Records a thing as known to the gateway (seen on the local broker or configured). */
    record AddThing(String thingName, Instant firstSeen) implements StoreChange {
        public AddThing {
            Objects.requireNonNull(thingName, "thingName");
            Objects.requireNonNull(firstSeen, "firstSeen");
        }
    }
}
