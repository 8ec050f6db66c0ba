package io.edgejobs.emulator.internal.cloud;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs work for one thing at a time, in submission order, while different things run in parallel on a shared
 * pool: each thing's tasks are chained onto its previous task. There is no global lock: two things only contend
 * for pool threads.
 */
public final class ThingLanes implements AutoCloseable {

    private final ExecutorService pool;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public ThingLanes(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-lane-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /**
     * Runs {@code work} after every task submitted earlier for the same thing.
     *
     * @return completes with the work's result, or exceptionally with what it threw
     */
    public <T> CompletableFuture<T> submit(String thingName, Supplier<T> work) {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(work, "work");
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> tail = tails.compute(thingName, (k, previous) -> {
            CompletableFuture<Void> start = previous == null ? CompletableFuture.completedFuture(null) : previous;
            return start.handleAsync((ignored, error) -> {
                try {
                    result.complete(work.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
                return null;
            }, pool);
        });
        tail.whenComplete((ignored, error) -> tails.remove(thingName, tail));
        return result;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
