package io.edgejobs.api.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The JobExecution data type (jobs-mqtt-https-api.md; iot-jobs-data JobExecution shape).
 *
 * <p>Times are instants; the wire codec writes them as epoch seconds over MQTT. {@code jobDocument} is the
 * document's JSON text: the MQTT codec embeds it as a JSON object, the HTTPS codec as a string, as AWS does.
 *
 * @param jobId the job's identifier
 * @param thingName the thing executing the job
 * @param jobDocument the job document JSON text, or null when not requested
 * @param status the execution status
 * @param statusDetails name/value pairs (never null)
 * @param queuedAt when the execution was queued
 * @param startedAt when it went IN_PROGRESS, or null
 * @param lastUpdatedAt when it last changed
 * @param versionNumber incremented on every change
 * @param executionNumber identifies this execution of the job on the thing
 * @param approximateSecondsBeforeTimedOut seconds left before TIMED_OUT, or null when no timer runs
 */
public record JobExecution(
        String jobId,
        String thingName,
        String jobDocument,
        JobExecutionStatus status,
        Map<String, String> statusDetails,
        Instant queuedAt,
        Instant startedAt,
        Instant lastUpdatedAt,
        long versionNumber,
        long executionNumber,
        Long approximateSecondsBeforeTimedOut) {

    public JobExecution {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(status, "status");
        statusDetails = StatusDetails.copyOf(statusDetails);
    }

    /** The JobExecutionState view of this execution. */
    public JobExecutionState state() {
        return new JobExecutionState(status, statusDetails, versionNumber);
    }

    /** The JobExecutionSummary view of this execution. */
    public JobExecutionSummary summary() {
        return new JobExecutionSummary(jobId, queuedAt, startedAt, lastUpdatedAt, versionNumber, executionNumber);
    }

    /** The same execution without its job document. */
    public JobExecution withoutDocument() {
        return withDocument(null);
    }

    /** The same execution carrying the given job document (null removes it). */
    public JobExecution withDocument(String document) {
        return new JobExecution(jobId, thingName, document, status, statusDetails, queuedAt, startedAt,
                lastUpdatedAt, versionNumber, executionNumber, approximateSecondsBeforeTimedOut);
    }
}
