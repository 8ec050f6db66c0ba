package io.edgejobs.api.jobs;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import java.util.Optional;

/**
 * The notification messages a change calls for, ready to publish.
 *
 * @param listNotification the ListNotification for {@code jobs/notify}, or null when none is due
 * @param nextNotification the NextNotification for {@code jobs/notify-next}, or null when none is due
 */
public record PendingNotifications(JobExecutionsChangedEvent listNotification,
        NextJobExecutionChangedEvent nextNotification) {
    /** The ListNotification, if one is due. */
    public Optional<JobExecutionsChangedEvent> notifyEvent() {
        return Optional.ofNullable(listNotification);
    }

    /** The NextNotification, if one is due. */
    public Optional<NextJobExecutionChangedEvent> notifyNextEvent() {
        return Optional.ofNullable(nextNotification);
    }
}
