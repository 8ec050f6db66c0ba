package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.StatusDetailsMode;
import io.edgejobs.api.jobs.ValidationLimits;
import java.util.Objects;

/**
 * How the emulated data plane applies the rules where AWS leaves a choice.
 *
 * @param limits request validation limits (statusDetails value length 1024 by default)
 * @param statusDetailsMode what a non-null statusDetails does (REPLACE by default)
 * @param terminalDescribeIsError DescribeJobExecution of a terminal execution answers TerminalStateReached instead
 *        of the execution (false by default, see docs/emulator.md)
 */
public record DataPlaneOptions(ValidationLimits limits, StatusDetailsMode statusDetailsMode,
        boolean terminalDescribeIsError) {

    public static final DataPlaneOptions DEFAULTS = new DataPlaneOptions(ValidationLimits.DEFAULTS,
            StatusDetailsMode.REPLACE, false);

    public DataPlaneOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(statusDetailsMode, "statusDetailsMode");
    }
}
