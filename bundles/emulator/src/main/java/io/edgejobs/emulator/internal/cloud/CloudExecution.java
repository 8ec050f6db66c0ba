package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.store.ExecutionRecord;
import java.util.Objects;

/**
 * A job execution as the emulated cloud keeps it: the shared {@link ExecutionRecord} (what the device rules of
 * {@code io.edgejobs.api.jobs} work on) plus what only the control plane shows.
 *
 * @param record the execution
 * @param forceCanceled whether it was cancelled with {@code force} while IN_PROGRESS
 */
public record CloudExecution(ExecutionRecord record, boolean forceCanceled) {
    public CloudExecution {
        Objects.requireNonNull(record, "record");
    }

    public static CloudExecution of(ExecutionRecord record) {
        return new CloudExecution(record, false);
    }

    public ExecutionKey key() {
        return new ExecutionKey(record.thingName(), record.jobId(), record.executionNumber());
    }

    /** The control plane's {@code retryAttempt}: retries are new executions, numbered on from 1. */
    public int retryAttempt() {
        return (int) Math.max(0, record.executionNumber() - 1);
    }

    public CloudExecution withRecord(ExecutionRecord newRecord, boolean nowForceCanceled) {
        return new CloudExecution(newRecord, nowForceCanceled);
    }
}
