package io.edgejobs.emulator.internal.store;

import io.edgejobs.emulator.internal.cloud.CloudExecution;
import io.edgejobs.emulator.internal.cloud.Job;
import java.time.Instant;
import java.util.List;

/**
 * What a store held at start.
 *
 * @param jobs every job
 * @param executions every execution
 * @param lastClock the emulated time last saved, or null
 */
public record StoredState(List<Job> jobs, List<CloudExecution> executions, Instant lastClock) {
    public static final StoredState EMPTY = new StoredState(List.of(), List.of(), null);

    public StoredState {
        jobs = List.copyOf(jobs);
        executions = List.copyOf(executions);
    }
}
