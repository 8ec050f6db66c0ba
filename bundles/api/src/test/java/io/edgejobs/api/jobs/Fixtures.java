package io.edgejobs.api.jobs;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Map;

/** Small builders for test records. */
final class Fixtures {
    static final String THING = "pump-7";
    static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    private Fixtures() {
    }

    static Instant at(String hhmmss) {
        return Instant.parse("2024-05-01T" + hhmmss + "Z");
    }

    static ExecutionRecord queued(String jobId, Instant queuedAt) {
        return QueuedExecutions.queue(THING, jobId, 1, null, queuedAt);
    }

    static ExecutionRecord queued(String jobId, Instant queuedAt, Long inProgressTimeoutInMinutes) {
        return QueuedExecutions.queue(THING, jobId, 1, inProgressTimeoutInMinutes, queuedAt);
    }

    static ExecutionRecord withStatus(ExecutionRecord r, JobExecutionStatus status) {
        return new ExecutionRecord(r.thingName(), r.jobId(), r.executionNumber(), status, r.statusDetails(),
                r.queuedAt(), r.startedAt(), r.lastUpdatedAt(), r.versionNumber(), r.timers());
    }

    static ExecutionRecord withTimers(ExecutionRecord r, ExecutionTimers timers) {
        return new ExecutionRecord(r.thingName(), r.jobId(), r.executionNumber(), r.status(), r.statusDetails(),
                r.queuedAt(), r.startedAt(), r.lastUpdatedAt(), r.versionNumber(), timers);
    }

    static ExecutionRecord withDetails(ExecutionRecord r, Map<String, String> details) {
        return new ExecutionRecord(r.thingName(), r.jobId(), r.executionNumber(), r.status(), details,
                r.queuedAt(), r.startedAt(), r.lastUpdatedAt(), r.versionNumber(), r.timers());
    }

    static UpdateJobExecutionRequest update(String jobId, JobExecutionStatus status) {
        return update(jobId, status, null, null, null);
    }

    static UpdateJobExecutionRequest update(String jobId, JobExecutionStatus status, Map<String, String> details,
            Long expectedVersion, Long stepTimeoutInMinutes) {
        return new UpdateJobExecutionRequest(THING, jobId, status, details, expectedVersion, null, false, false,
                stepTimeoutInMinutes, "token-1");
    }
}
