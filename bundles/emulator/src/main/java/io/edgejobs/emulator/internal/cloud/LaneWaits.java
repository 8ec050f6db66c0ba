package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.JobsException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits, bounded, for work handed to thing lanes, turning its failures into control-plane errors. */
final class LaneWaits {

    private static final Logger LOG = LoggerFactory.getLogger(LaneWaits.class);
    private static final long LANE_WAIT_SECONDS = 60;

    private LaneWaits() {
    }

    static void awaitAll(List<CompletableFuture<Void>> futures) {
        await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(LANE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ControlPlaneException c) {
                throw c;
            }
            if (cause instanceof JobsException j) {
                throw ControlPlaneException.of(j);
            }
            LOG.error("control-plane work failed", cause);
            throw ControlPlaneException.internal("internal error: " + cause);
        } catch (TimeoutException e) {
            throw ControlPlaneException.internal("the things did not finish within " + LANE_WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ControlPlaneException.internal("interrupted");
        }
    }
}
