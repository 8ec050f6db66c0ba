package io.edgejobs.api.dataplane;

import io.edgejobs.api.jobs.JobExecutionSummary;
import java.time.Instant;
import java.util.List;

/**
 * The GetPendingJobExecutions answer: IN_PROGRESS then QUEUED executions, each list in queue order.
 *
 * @param inProgressJobs executions with status IN_PROGRESS
 * @param queuedJobs executions with status QUEUED
 * @param timestamp when the answer was produced
 * @param clientToken the request's clientToken, or null
 */
public record GetPendingJobExecutionsResponse(List<JobExecutionSummary> inProgressJobs,
        List<JobExecutionSummary> queuedJobs, Instant timestamp, String clientToken) {
    public GetPendingJobExecutionsResponse {
        inProgressJobs = List.copyOf(inProgressJobs);
        queuedJobs = List.copyOf(queuedJobs);
    }
}
