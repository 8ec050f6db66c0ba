package io.edgejobs.engine.internal;

import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The current {@link UpstreamConnection}, if any, and bounded calls to it. No connection service is the same as a
 * connection that cannot send: {@link UpstreamUnavailableException}. A call not answered within its bound fails
 * with {@link UpstreamTimeoutException}, as the connection's own timeout would.
 */
final class UpstreamAccess {

    private volatile UpstreamConnection connection;

    void set(UpstreamConnection newConnection) {
        connection = newConnection;
    }

    /** Clears the connection if it is still {@code gone}. */
    void unset(UpstreamConnection gone) {
        if (connection == gone) {
            connection = null;
        }
    }

    Optional<UpstreamConnection> current() {
        return Optional.ofNullable(connection);
    }

    boolean isConnected() {
        UpstreamConnection c = connection;
        return c != null && c.state() == ConnectionState.CONNECTED;
    }

    /**
     * Runs {@code call} on the current connection, on the caller's thread.
     *
     * @param bound how long to wait for the answer
     * @return the answer; exceptionally with UpstreamUnavailableException, UpstreamTimeoutException, or whatever
     *     the connection failed with (a {@link io.edgejobs.api.jobs.JobsException} for a cloud rejection)
     */
    <T> CompletableFuture<T> call(Function<UpstreamConnection, CompletionStage<T>> call, Duration bound) {
        UpstreamConnection c = connection;
        if (c == null) {
            return CompletableFuture.failedFuture(new UpstreamUnavailableException("no upstream connection"));
        }
        CompletableFuture<T> answer;
        try {
            // copy(): the bound below must not complete the connection's own future
            answer = call.apply(c).toCompletableFuture().copy();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return answer.orTimeout(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(translate(error, bound)));
    }

    private static Throwable translate(Throwable error, Duration bound) {
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof TimeoutException) {
            return new UpstreamTimeoutException("no answer from upstream within " + bound.toMillis() + " ms", cause);
        }
        return cause;
    }

}
