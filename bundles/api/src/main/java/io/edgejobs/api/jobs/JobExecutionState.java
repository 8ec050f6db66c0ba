package io.edgejobs.api.jobs;

import java.util.Map;
import java.util.Objects;

/**
 * The JobExecutionState data type: status, statusDetails and versionNumber of one execution.
 *
 * @param status the execution status
 * @param statusDetails name/value pairs describing the status (never null; empty when none)
 * @param versionNumber the execution's version, incremented on every change
 */
public record JobExecutionState(JobExecutionStatus status, Map<String, String> statusDetails, long versionNumber) {
    public JobExecutionState {
        Objects.requireNonNull(status, "status");
        statusDetails = StatusDetails.copyOf(statusDetails);
    }
}
