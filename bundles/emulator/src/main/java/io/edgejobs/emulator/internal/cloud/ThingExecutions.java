package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.store.ExecutionRecord;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executions of one thing. Changed only on the thing's lane (through {@link ThingChange}); readable from any
 * thread (the control plane's lists and the job completion check see a consistent record per execution).
 */
public final class ThingExecutions {

    private final String thingName;
    private final ConcurrentHashMap<ExecutionKey, CloudExecution> executions = new ConcurrentHashMap<>();

    public ThingExecutions(String thingName) {
        this.thingName = thingName;
    }

    public String thingName() {
        return thingName;
    }

    public Collection<CloudExecution> all() {
        return List.copyOf(executions.values());
    }

    /** The records, for the rules of {@code io.edgejobs.api.jobs} (PendingJobs, StartNext). */
    public List<ExecutionRecord> records() {
        return executions.values().stream().map(CloudExecution::record).toList();
    }

    public Optional<CloudExecution> get(String jobId, long executionNumber) {
        return Optional.ofNullable(executions.get(new ExecutionKey(thingName, jobId, executionNumber)));
    }

    /** The execution of the job with the highest execution number (the one a request without a number means). */
    public Optional<CloudExecution> latest(String jobId) {
        return executions.values().stream()
                .filter(e -> e.record().jobId().equals(jobId))
                .max(Comparator.comparingLong(e -> e.record().executionNumber()));
    }

    /** All executions of one job on this thing, oldest first. */
    public List<CloudExecution> ofJob(String jobId) {
        return executions.values().stream()
                .filter(e -> e.record().jobId().equals(jobId))
                .sorted(Comparator.comparingLong(e -> e.record().executionNumber()))
                .toList();
    }

    public boolean isEmpty() {
        return executions.isEmpty();
    }

    void put(CloudExecution execution) {
        executions.put(execution.key(), execution);
    }

    void remove(ExecutionKey key) {
        executions.remove(key);
    }
}
