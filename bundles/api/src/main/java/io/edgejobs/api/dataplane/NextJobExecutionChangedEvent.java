package io.edgejobs.api.dataplane;

import io.edgejobs.api.jobs.JobExecution;
import java.time.Instant;

/**
 * The {@code $aws/things/{thingName}/jobs/notify-next} message (NextNotification).
 *
 * @param execution the thing's next pending execution with its document, or null when the queue is empty
 * @param timestamp when the notification was produced
 */
public record NextJobExecutionChangedEvent(JobExecution execution, Instant timestamp) {
}
