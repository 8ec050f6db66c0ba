package io.edgejobs.api.jobs;

/**
 * Which notifications a change of a thing's pending executions calls for.
 *
 * @param publishNotify publish {@code $aws/things/{thingName}/jobs/notify} (ListNotification)
 * @param publishNotifyNext publish {@code $aws/things/{thingName}/jobs/notify-next} (NextNotification)
 */
public record NotificationDecision(boolean publishNotify, boolean publishNotifyNext) {
    /** Nothing to publish. */
    public static final NotificationDecision NONE = new NotificationDecision(false, false);

    /** Whether anything is to be published. */
    public boolean any() {
        return publishNotify || publishNotifyNext;
    }
}
