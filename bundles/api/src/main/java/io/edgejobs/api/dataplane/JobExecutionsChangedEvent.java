package io.edgejobs.api.dataplane;

import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code $aws/things/{thingName}/jobs/notify} message (ListNotification): the thing's pending executions
 * grouped by status, IN_PROGRESS first, at most ten entries in all. An empty map means nothing is pending
 * ({@code "jobs":{}}).
 *
 * @param jobs pending executions by status, in the order AWS lists them
 * @param timestamp when the notification was produced
 */
public record JobExecutionsChangedEvent(Map<JobExecutionStatus, List<JobExecutionSummary>> jobs, Instant timestamp) {
    public JobExecutionsChangedEvent {
        Map<JobExecutionStatus, List<JobExecutionSummary>> copy = new LinkedHashMap<>();
        jobs.forEach((status, list) -> copy.put(status, List.copyOf(list)));
        jobs = Collections.unmodifiableMap(copy);
    }
}
