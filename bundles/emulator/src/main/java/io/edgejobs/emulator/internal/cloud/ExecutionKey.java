package io.edgejobs.emulator.internal.cloud;

import java.util.Objects;

/**
 * Identifies one job execution: the job on a thing and its execution number (a retry is a new execution).
 */
public record ExecutionKey(String thingName, String jobId, long executionNumber) {
    public ExecutionKey {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(jobId, "jobId");
    }

    @Override
    public String toString() {
        return thingName + "/" + jobId + "#" + executionNumber;
    }
}
