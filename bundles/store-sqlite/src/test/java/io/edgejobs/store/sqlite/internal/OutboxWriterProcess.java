package io.edgejobs.store.sqlite.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.StoreChange;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link CrashDurabilityTest}: appends outbox entries from several threads, forever, and
 * prints {@code ACK <ordinal> END} for each one only after its commit stage completed. It is killed with SIGKILL.
 */
public final class OutboxWriterProcess {
    private OutboxWriterProcess() {
    }

    /** The request the child writes for an ordinal; the parent rebuilds it to compare field for field. */
    static UpdateJobExecutionRequest request(long ordinal) {
        return new UpdateJobExecutionRequest("thing-" + (ordinal % 7), "job-" + ordinal,
                ordinal % 2 == 0 ? JobExecutionStatus.IN_PROGRESS : JobExecutionStatus.SUCCEEDED,
                Map.of("ordinal", Long.toString(ordinal), "payload", "p".repeat(64)), ordinal, ordinal * 10,
                ordinal % 3 == 0, ordinal % 5 == 0, ordinal % 4 == 0 ? null : 15L, "ack-" + ordinal);
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        SqliteJobStore store = StoreOpener.standard().open(StoreOptions.defaults(file));
        AtomicLong ordinals = new AtomicLong();
        System.out.println("READY");
        System.out.flush();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                while (true) {
                    long ordinal = ordinals.incrementAndGet();
                    store.commit(List.of(new StoreChange.AppendOutbox(request(ordinal), ordinal,
                            Instant.ofEpochMilli(ordinal)))).toCompletableFuture().join();
                    synchronized (System.out) {
                        System.out.println("ACK " + ordinal + " END");
                        System.out.flush();
                    }
                }
            }, "writer-" + t);
            writer.start();
        }
        Thread.currentThread().join(); // until killed
    }
}
