package io.edgejobs.store.sqlite.internal;

/**
 * SQLite's {@code PRAGMA synchronous} levels, as offered in the configuration. In WAL mode, FULL syncs the WAL on
 * every commit, so a committed change survives a power cut; NORMAL syncs only at checkpoints, so the last
 * commits may be lost on power loss (never on a process crash); OFF never syncs; EXTRA also syncs the directory.
 */
public enum SynchronousLevel {
    OFF(0), NORMAL(1), FULL(2), EXTRA(3);

    private final int pragmaValue;

    SynchronousLevel(int pragmaValue) {
        this.pragmaValue = pragmaValue;
    }

    /** The number {@code PRAGMA synchronous} answers for this level. */
    int pragmaValue() {
        return pragmaValue;
    }

    /** The level {@code PRAGMA synchronous} answered with. */
    static SynchronousLevel ofPragmaValue(int value) {
        for (SynchronousLevel level : values()) {
            if (level.pragmaValue == value) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown PRAGMA synchronous value " + value);
    }
}
