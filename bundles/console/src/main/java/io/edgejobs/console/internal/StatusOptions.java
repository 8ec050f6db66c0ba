package io.edgejobs.console.internal;

/** The validated, immutable form of {@link Config}. */
record StatusOptions(int recentConflicts, int maxThings) {

    static final int DEFAULT_CONFLICTS = 20;
    static final int MAX_CONFLICTS = 1000;
    static final int DEFAULT_THINGS = 100;
    static final int MAX_THINGS = 10_000;

    StatusOptions {
        if (recentConflicts < 0 || recentConflicts > MAX_CONFLICTS) {
            throw new IllegalArgumentException(
                    "recentConflicts must be between 0 and " + MAX_CONFLICTS + ", was " + recentConflicts);
        }
        if (maxThings < 1 || maxThings > MAX_THINGS) {
            throw new IllegalArgumentException("maxThings must be between 1 and " + MAX_THINGS + ", was " + maxThings);
        }
    }

    static StatusOptions from(Config config) {
        return new StatusOptions(config.recentConflicts(), config.maxThings());
    }

    static StatusOptions defaults() {
        return new StatusOptions(DEFAULT_CONFLICTS, DEFAULT_THINGS);
    }
}
