package io.edgejobs.engine.internal;

/** What a device update accepted offline meets when the outbox holds {@code outboxMaxEntries} entries. */
public enum OutboxFullPolicy {
    /** The update is refused with RequestThrottled; nothing changes; reads and local timers go on. */
    REFUSE,
    /**
     * An IN_PROGRESS update is merged into the execution's last IN_PROGRESS entry (not yet sent): its details
     * replace the older ones, and the entry stands for one more device update. Terminal statuses are never merged
     * or dropped: when nothing can be merged, REFUSE applies.
     */
    EVICT_SUPERSEDED_PROGRESS
}
