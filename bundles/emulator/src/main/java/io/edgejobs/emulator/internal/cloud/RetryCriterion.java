package io.edgejobs.emulator.internal.cloud;

import java.util.Objects;

/**
 * One entry of {@code jobExecutionsRetryConfig.criteriaList}: retry executions that end with {@code failureType}
 * up to {@code numberOfRetries} times.
 *
 * @param failureType FAILED, TIMED_OUT or ALL
 * @param numberOfRetries 0..10
 */
public record RetryCriterion(FailureType failureType, int numberOfRetries) {

    /** The failure types a retry criterion can name. */
    public enum FailureType {
        FAILED, TIMED_OUT, ALL
    }

    public RetryCriterion {
        Objects.requireNonNull(failureType, "failureType");
        if (numberOfRetries < 0 || numberOfRetries > 10) {
            throw new IllegalArgumentException("numberOfRetries must be 0..10, got " + numberOfRetries);
        }
    }
}
