package io.edgejobs.api.dataplane;

import io.edgejobs.api.jobs.JobExecution;
import java.time.Instant;

/**
 * The StartNextPendingJobExecution answer.
 *
 * @param execution the started (or already IN_PROGRESS) execution with its document; null when nothing is pending
 * @param timestamp when the answer was produced
 * @param clientToken the request's clientToken, or null
 */
public record StartNextPendingJobExecutionResponse(JobExecution execution, Instant timestamp, String clientToken) {
}
