package io.edgejobs.engine.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One serial lane per thing on a shared pool: a task starts only when the previous task of the same thing has
 * <em>completed</em> (its stage, not just its method), tasks of different things run in parallel. Tasks are
 * asynchronous, so a lane waiting for AWS IoT holds no thread. An idle lane leaves no trace in memory.
 */
final class ThingLanes {

    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final Executor executor;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    ThingLanes(Executor executor) {
        this.executor = executor;
    }

    /**
     * Queues a task on the thing's lane.
     *
     * @return completes as the task's stage does; exceptionally if the task throws or the pool is shut down
     */
    <T> CompletableFuture<T> submit(String thingName, Supplier<? extends CompletionStage<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> tail = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(thingName, tail);
        (previous == null ? IDLE : previous).whenComplete((ignored, error) -> start(task, result));
        result.whenComplete((ignored, error) -> {
            tail.complete(null);
            tails.remove(thingName, tail);
        });
        return result;
    }

    /** How many things have a task queued or running (diagnostics, tests). */
    int busyLanes() {
        return tails.size();
    }

    private <T> void start(Supplier<? extends CompletionStage<T>> task, CompletableFuture<T> result) {
        try {
            executor.execute(() -> {
                try {
                    task.get().whenComplete((value, error) -> {
                        if (error == null) {
                            result.complete(value);
                        } else {
                            result.completeExceptionally(error);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }
}
