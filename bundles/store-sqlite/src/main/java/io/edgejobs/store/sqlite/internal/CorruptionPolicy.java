package io.edgejobs.store.sqlite.internal;

/** What the store does when the database file fails its integrity check at open. */
public enum CorruptionPolicy {
    /**
     * Move the database file (and its -wal/-shm files) aside to a timestamped name next to it, log an ERROR that
     * names it, and start with an empty store. Nothing is ever deleted.
     */
    QUARANTINE_AND_START_FRESH,
    /** Leave the file where it is and refuse to open: the component does not activate. */
    FAIL
}
