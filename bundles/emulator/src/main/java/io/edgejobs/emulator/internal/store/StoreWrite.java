package io.edgejobs.emulator.internal.store;

import io.edgejobs.emulator.internal.cloud.CloudExecution;
import io.edgejobs.emulator.internal.cloud.ExecutionKey;
import io.edgejobs.emulator.internal.cloud.Job;
import java.time.Instant;
import java.util.Objects;

/** One change to the emulator's durable state. */
public sealed interface StoreWrite {

    /** Inserts or replaces a job. */
    record PutJob(Job job) implements StoreWrite {
        public PutJob {
            Objects.requireNonNull(job, "job");
        }
    }

    /** Removes a job (its executions are removed by their own writes). */
    record DeleteJob(String jobId) implements StoreWrite {
        public DeleteJob {
            Objects.requireNonNull(jobId, "jobId");
        }
    }

    /** Inserts or replaces an execution. */
    record PutExecution(CloudExecution execution) implements StoreWrite {
        public PutExecution {
            Objects.requireNonNull(execution, "execution");
        }
    }

    /** Removes an execution. */
    record DeleteExecution(ExecutionKey key) implements StoreWrite {
        public DeleteExecution {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Remembers how far the emulated clock went, so a restart never moves it back. */
    record SaveClock(Instant emulatedNow) implements StoreWrite {
        public SaveClock {
            Objects.requireNonNull(emulatedNow, "emulatedNow");
        }
    }
}
