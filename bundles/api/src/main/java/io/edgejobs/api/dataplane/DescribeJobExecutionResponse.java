package io.edgejobs.api.dataplane;

import io.edgejobs.api.jobs.JobExecution;
import java.time.Instant;

/**
 * The DescribeJobExecution answer.
 *
 * @param execution the execution; for {@code $next} with nothing pending AWS answers without one (null)
 * @param timestamp when the answer was produced
 * @param clientToken the request's clientToken, or null
 */
public record DescribeJobExecutionResponse(JobExecution execution, Instant timestamp, String clientToken) {
}
