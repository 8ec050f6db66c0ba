package io.edgejobs.api.dataplane;

import io.edgejobs.api.jobs.JobExecutionState;
import java.time.Instant;

/**
 * The UpdateJobExecution answer.
 *
 * @param executionState the new state when includeJobExecutionState was true, else null
 * @param jobDocument the job document JSON text when includeJobDocument was true, else null
 * @param timestamp when the answer was produced
 * @param clientToken the request's clientToken, or null
 */
public record UpdateJobExecutionResponse(JobExecutionState executionState, String jobDocument, Instant timestamp,
        String clientToken) {
}
