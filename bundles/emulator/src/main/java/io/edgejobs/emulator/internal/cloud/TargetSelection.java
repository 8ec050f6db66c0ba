package io.edgejobs.emulator.internal.cloud;

/**
 * SNAPSHOT jobs complete when every target's execution is terminal; CONTINUOUS jobs never complete (AWS runs them
 * on things added to target groups later, which the emulator has no registry for).
 */
public enum TargetSelection {
    SNAPSHOT,
    CONTINUOUS
}
