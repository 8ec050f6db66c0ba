package io.edgejobs.engine.internal;

import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwrapping of stage failures. */
final class Failures {
    private Failures() {
    }

    /** The failure inside CompletionException / ExecutionException wrappers. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Whether a failure means AWS IoT was not reached or did not answer (worth trying again later). */
    static boolean isTransient(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof UpstreamUnavailableException || cause instanceof UpstreamTimeoutException;
    }
}
