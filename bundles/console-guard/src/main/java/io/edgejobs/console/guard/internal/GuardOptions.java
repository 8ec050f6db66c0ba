package io.edgejobs.console.guard.internal;

/** The guard's settings, read once per (re)configuration. */
record GuardOptions(boolean enforce) {

    static GuardOptions from(Config config) {
        return new GuardOptions(config.enforce());
    }
}
