package io.edgejobs.broker.internal;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs handler callbacks in submission order per client id: each client id maps to one of a fixed set of
 * single-thread executors (stripes), so one client's callbacks never overlap or reorder, while different clients
 * run in parallel on different stripes.
 */
final class OrderedCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedCallbacks.class);

    private final String serverName;
    private final ExecutorService[] stripes;

    OrderedCallbacks(String serverName, int threads) {
        this.serverName = serverName;
        this.stripes = new ExecutorService[threads];
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("mqtt-" + serverName + "-handler", true);
        for (int i = 0; i < threads; i++) {
            stripes[i] = Executors.newSingleThreadExecutor(threadFactory);
        }
    }

    void execute(String clientId, String what, Runnable callback) {
        ExecutorService stripe = stripes[Math.floorMod(clientId.hashCode(), stripes.length)];
        try {
            stripe.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("[{}] handler {} failed for client {}", serverName, what, clientId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("[{}] server closed, handler {} for client {} dropped", serverName, what, clientId);
        }
    }

    /** Lets queued callbacks finish (bounded wait), then stops the threads. */
    void close() {
        for (ExecutorService stripe : stripes) {
            stripe.shutdown();
        }
        for (ExecutorService stripe : stripes) {
            try {
                if (!stripe.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("[{}] handler callbacks still running after 5 s, interrupting", serverName);
                    stripe.shutdownNow();
                }
            } catch (InterruptedException e) {
                stripe.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
