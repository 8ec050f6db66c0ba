package io.edgejobs.api.jobs;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Objects;

/** Conversions from a stored execution to the data types devices see. */
public final class ExecutionViews {
    private ExecutionViews() {
    }

    /**
     * The JobExecution of a record, with {@code approximateSecondsBeforeTimedOut} computed at {@code now}
     * (only while IN_PROGRESS and a timer runs).
     *
     * @param record the stored execution
     * @param jobDocument the job document JSON text, or null to leave it out
     * @param now the time the answer is produced
     */
    public static JobExecution toJobExecution(ExecutionRecord record, String jobDocument, Instant now) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(now, "now");
        Long seconds = record.status() == JobExecutionStatus.IN_PROGRESS
                ? Timeouts.approximateSecondsBeforeTimedOut(record.timers(), now)
                : null;
        return new JobExecution(record.jobId(), record.thingName(), jobDocument, record.status(),
                record.statusDetails(), record.queuedAt(), record.startedAt(), record.lastUpdatedAt(),
                record.versionNumber(), record.executionNumber(), seconds);
    }

    /** The JobExecution of a record without its document. */
    public static JobExecution toJobExecution(ExecutionRecord record, Instant now) {
        return toJobExecution(record, null, now);
    }

    /** The JobExecutionSummary of a record (GetPendingJobExecutions, notify). */
    public static JobExecutionSummary toSummary(ExecutionRecord record) {
        Objects.requireNonNull(record, "record");
        return new JobExecutionSummary(record.jobId(), record.queuedAt(), record.startedAt(), record.lastUpdatedAt(),
                record.versionNumber(), record.executionNumber());
    }

    /** The JobExecutionState of a record (UpdateJobExecution answers, VersionMismatch / InvalidStateTransition). */
    public static JobExecutionState toState(ExecutionRecord record) {
        Objects.requireNonNull(record, "record");
        return new JobExecutionState(record.status(), record.statusDetails(), record.versionNumber());
    }

    /**
     * The UpdateJobExecution answer: executionState only when {@code includeJobExecutionState}, the document only
     * when {@code includeJobDocument} (both default false), the request's clientToken echoed.
     *
     * @param updated the execution after the update
     * @param request the device's request
     * @param jobDocument the job document JSON text (used only when requested; may be null)
     * @param now the time the answer is produced
     */
    public static UpdateJobExecutionResponse toUpdateResponse(ExecutionRecord updated,
            UpdateJobExecutionRequest request, String jobDocument, Instant now) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        return new UpdateJobExecutionResponse(request.includeJobExecutionState() ? toState(updated) : null,
                request.includeJobDocument() ? jobDocument : null, now, request.clientToken());
    }
}
