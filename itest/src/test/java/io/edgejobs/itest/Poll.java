package io.edgejobs.itest;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition inside the framework (and, for the started-distribution tests, in the test JVM). Awaitility
 * would need Hamcrest 2 as a bundle next to the JUnit 4 bundles (and next to JUnit 4's Hamcrest 1.3 on the test class
 * path); this is the few lines of it the tests need.
 */
public final class Poll {

    private static final long STEP_MILLIS = 25;

    private Poll() {
    }

    /** Returns once {@code condition} holds; fails with {@code explanation} after {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> explanation) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout + ": " + explanation.get());
            }
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + explanation.get(), e);
            }
        }
    }
}
