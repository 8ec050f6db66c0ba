package io.edgejobs.engine.internal;

import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import io.edgejobs.api.jobs.Timeouts;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * How what AWS IoT answers becomes a cached {@link ExecutionRecord}, and when it replaces the cached one. Pure
 * functions.
 *
 * <p>The cloud owns the version numbers, so a record from the cloud replaces the cached one when it is at least as
 * new: a higher versionNumber, or the same version with different content (exact timestamps replacing derived
 * ones), or another incarnation of the execution (a different queuedAt: the job was deleted and created again with
 * the same id). An older answer arriving late never rolls the cache back.
 *
 * <p>Timers: the device API tells only {@code approximateSecondsBeforeTimedOut}, the time left before the earliest
 * running timer fires. It is recorded as the in-progress deadline (whole seconds, rounded down by AWS), so the
 * cache never promises more time than AWS; the job's in-progress timeout setting is not visible to devices.
 */
final class CloudRecords {

    private CloudRecords() {
    }

    /**
     * The record of a complete execution from Describe, StartNext or a trusted notify-next.
     *
     * @param cached the cached record with the same key, or null
     * @param answeredAt the answer's timestamp (fills missing times)
     */
    static ExecutionRecord fromExecution(JobExecution e, ExecutionRecord cached, Instant answeredAt) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Instant queuedAt = firstNonNull(e.queuedAt(), cached == null ? null : cached.queuedAt(), answeredAt);
        Instant lastUpdatedAt = firstNonNull(e.lastUpdatedAt(), answeredAt, answeredAt);
        Instant startedAt = e.startedAt();
        if (startedAt == null && e.status() != JobExecutionStatus.QUEUED && cached != null) {
            startedAt = cached.startedAt();
        }
        return new ExecutionRecord(e.thingName(), e.jobId(), e.executionNumber(), e.status(), e.statusDetails(),
                queuedAt, startedAt, lastUpdatedAt, e.versionNumber(),
                timers(e.status(), e.approximateSecondsBeforeTimedOut(), cached, answeredAt));
    }

    /**
     * The record after an UpdateJobExecution the cloud accepted (or refused with its current state): status,
     * details and version from the state, lastUpdatedAt = the answer's time, startedAt set on the first
     * IN_PROGRESS, the step timer as requested, timers stopped when terminal.
     *
     * @param stepTimeoutInMinutes the request's step timeout, or null
     */
    static ExecutionRecord fromState(ExecutionRecord cached, JobExecutionState state, Instant answeredAt,
            Long stepTimeoutInMinutes) {
        Objects.requireNonNull(cached, "cached");
        Objects.requireNonNull(state, "state");
        JobExecutionStatus status = state.status();
        Instant startedAt = cached.startedAt() == null && status == JobExecutionStatus.IN_PROGRESS
                ? answeredAt : cached.startedAt();
        ExecutionTimers timers = status.isTerminal()
                ? Timeouts.stopped(cached.timers())
                : Timeouts.applyStepTimeout(cached.timers(), stepTimeoutInMinutes, answeredAt);
        Instant lastUpdatedAt = state.versionNumber() == cached.versionNumber() ? cached.lastUpdatedAt() : answeredAt;
        return new ExecutionRecord(cached.thingName(), cached.jobId(), cached.executionNumber(), status,
                state.statusDetails(), cached.queuedAt(), startedAt, lastUpdatedAt, state.versionNumber(), timers);
    }

    /**
     * A fresh execution the cloud just queued, from a notification that carries no statusDetails: QUEUED at version
     * 1 has none yet. Null when the execution is not such a fresh one (then it must be described).
     */
    static ExecutionRecord freshlyQueued(JobExecution e, Instant answeredAt) {
        if (e.status() != JobExecutionStatus.QUEUED || e.versionNumber() != 1 || e.queuedAt() == null) {
            return null;
        }
        return fromExecution(e, null, answeredAt);
    }

    /** Whether {@code incoming} should replace {@code cached} (same thing, job and execution number). */
    static boolean supersedes(ExecutionRecord incoming, ExecutionRecord cached) {
        if (cached == null) {
            return true;
        }
        if (!sameIncarnation(incoming.queuedAt(), cached.queuedAt())) {
            return true;
        }
        if (incoming.versionNumber() != cached.versionNumber()) {
            return incoming.versionNumber() > cached.versionNumber();
        }
        return !incoming.equals(cached);
    }

    /** Whether the cache already holds what a listed summary says (same incarnation and version). */
    static boolean matches(JobExecutionSummary listed, ExecutionRecord cached) {
        return cached != null && listed.versionNumber() == cached.versionNumber()
                && sameIncarnation(listed.queuedAt(), cached.queuedAt());
    }

    /** Whether two records of the same key are the same execution (not a job deleted and created again). */
    static boolean sameIncarnation(ExecutionRecord a, ExecutionRecord b) {
        return a != null && b != null && sameIncarnation(a.queuedAt(), b.queuedAt());
    }

    private static boolean sameIncarnation(Instant a, Instant b) {
        // MQTT times are whole seconds: compare at that precision
        return a == null || b == null || a.getEpochSecond() == b.getEpochSecond();
    }

    private static ExecutionTimers timers(JobExecutionStatus status, Long secondsLeft, ExecutionRecord cached,
            Instant answeredAt) {
        Long timeoutSetting = cached == null ? null : cached.timers().inProgressTimeoutInMinutes();
        if (status != JobExecutionStatus.IN_PROGRESS || secondsLeft == null) {
            return timeoutSetting == null ? ExecutionTimers.NONE : new ExecutionTimers(timeoutSetting, null, null);
        }
        return new ExecutionTimers(timeoutSetting, answeredAt.plusSeconds(secondsLeft), null);
    }

    private static Instant firstNonNull(Instant a, Instant b, Instant c) {
        return a != null ? a : b != null ? b : c;
    }
}
