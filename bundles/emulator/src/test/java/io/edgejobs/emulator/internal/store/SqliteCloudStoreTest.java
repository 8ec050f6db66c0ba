package io.edgejobs.emulator.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.emulator.internal.cloud.CloudExecution;
import io.edgejobs.emulator.internal.cloud.Job;
import io.edgejobs.emulator.internal.cloud.JobStatus;
import io.edgejobs.emulator.internal.cloud.PresignedUrlConfig;
import io.edgejobs.emulator.internal.cloud.RetryCriterion;
import io.edgejobs.emulator.internal.cloud.TargetSelection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCloudStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    @TempDir
    Path dir;

    @Test
    void whatWasWrittenIsReadBackAfterReopening() {
        Path file = dir.resolve("emulator.db");
        Job job = job("job-1");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("step", "2");
        details.put("note", "ünïcode ✓");
        CloudExecution running = new CloudExecution(new ExecutionRecord("thing-1", "job-1", 1,
                JobExecutionStatus.IN_PROGRESS, details, T0, T0.plusSeconds(5), T0.plusSeconds(9), 3,
                new ExecutionTimers(30L, T0.plusSeconds(1805), T0.plusSeconds(600))), true);
        CloudExecution queued = CloudExecution.of(new ExecutionRecord("thing-2", "job-1", 1,
                JobExecutionStatus.QUEUED, Map.of(), T0, null, T0, 1, ExecutionTimers.NONE));

        try (SqliteCloudStore store = new SqliteCloudStore(file)) {
            store.write(List.of(new StoreWrite.PutJob(job), new StoreWrite.PutExecution(running),
                    new StoreWrite.PutExecution(queued), new StoreWrite.SaveClock(T0.plusSeconds(60))));
            store.write(List.of(new StoreWrite.DeleteExecution(queued.key()),
                    new StoreWrite.SaveClock(T0.plusSeconds(30))));
        }
        try (SqliteCloudStore store = new SqliteCloudStore(file)) {
            StoredState state = store.load();
            assertEquals(List.of(job), state.jobs());
            assertEquals(List.of(running), state.executions());
            assertEquals(T0.plusSeconds(60), state.lastClock(), "the saved clock never goes back");
        }
    }

    @Test
    void concurrentWritersAllGetTheirChangesCommitted() throws Exception {
        Path file = dir.resolve("busy.db");
        try (SqliteCloudStore store = new SqliteCloudStore(file)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String thing = "thing-" + t;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int n = 1; n <= 25; n++) {
                        store.write(List.of(new StoreWrite.PutExecution(CloudExecution.of(new ExecutionRecord(thing,
                                "job-1", n, JobExecutionStatus.QUEUED, Map.of(), T0, null, T0, 1, null)))));
                    }
                }));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        try (SqliteCloudStore store = new SqliteCloudStore(file)) {
            assertEquals(200, store.load().executions().size());
        }
    }

    @Test
    void deletingAJobRemovesIt() {
        Path file = dir.resolve("delete.db");
        try (SqliteCloudStore store = new SqliteCloudStore(file)) {
            store.write(List.of(new StoreWrite.PutJob(job("a")), new StoreWrite.PutJob(job("b"))));
            store.write(List.of(new StoreWrite.DeleteJob("a")));
            assertEquals(List.of("b"), store.load().jobs().stream().map(Job::jobId).toList());
            assertTrue(store.describe().contains("delete.db"));
        }
    }

    private static Job job(String id) {
        return new Job(id, "arn:aws:iot:us-east-1:123456789012:job/" + id,
                List.of("arn:aws:iot:us-east-1:123456789012:thing/thing-1"), List.of("thing-1"), "{\"op\":1}",
                "desc", TargetSelection.SNAPSHOT, JobStatus.CANCELED, true, "R", "c", T0, T0.plusSeconds(1),
                T0.plusSeconds(2), 30L, List.of(new RetryCriterion(RetryCriterion.FailureType.FAILED, 2)),
                "{\"abortConfig\":{\"criteriaList\":[]}}",
                new PresignedUrlConfig("arn:aws:iam::123456789012:role/jobs-s3", 600L));
    }
}
