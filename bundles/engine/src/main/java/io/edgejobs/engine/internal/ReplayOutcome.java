package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.util.Objects;

/**
 * What the cloud's answer to one replayed outbox update means (docs/reconciliation.md, "Replay rules"). Pure.
 *
 * @param kind what to do next
 * @param cloud the execution state the cloud reported (answer or rejection), or null
 * @param reason the cloud's code and message, for logs and the audit
 */
record ReplayOutcome(Kind kind, JobExecutionState cloud, String reason) {

    enum Kind {
        /** The cloud holds the update (accepted now, or earlier with the answer lost): go on. */
        APPLIED,
        /** The cloud ended the execution in another way (cancel, removal, timeout, another status): it wins. */
        CONFLICT,
        /** The cloud has no such execution any more (deleted). */
        GONE,
        /** The cloud's version differs without a terminal status: re-send on the cloud's version. */
        REALIGN,
        /** RequestThrottled: back off, then send again. */
        THROTTLED,
        /** Outcome unknown or a passing failure (timeout, InternalError): back off, then send again. */
        RETRY,
        /** The link is down: stop; the next connect replays again. */
        LINK_DOWN,
        /** The cloud refuses the update as invalid: it can never be applied. */
        REFUSED
    }

    ReplayOutcome {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param sent the update as sent (its expectedVersion is the version it was meant to move the cloud from)
     * @param answer the cloud's answer, or null when it failed
     * @param error the failure, or null
     */
    static ReplayOutcome of(UpdateJobExecutionRequest sent, UpdateJobExecutionResponse answer, Throwable error) {
        if (error == null) {
            return new ReplayOutcome(Kind.APPLIED, answer == null ? null : answer.executionState(), "accepted");
        }
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof UpstreamUnavailableException) {
            return new ReplayOutcome(Kind.LINK_DOWN, null, cause.getMessage());
        }
        if (!(cause instanceof JobsException rejection)) {
            String why = cause instanceof UpstreamTimeoutException ? "no answer (outcome unknown): " : "failed: ";
            return new ReplayOutcome(Kind.RETRY, null, why + cause.getMessage());
        }
        String reason = rejection.code() + ": " + rejection.getMessage();
        JobExecutionState state = rejection.executionState();
        return switch (rejection.code()) {
            case RequestThrottled -> new ReplayOutcome(Kind.THROTTLED, null, reason);
            case ResourceNotFound -> new ReplayOutcome(Kind.GONE, null, reason);
            case VersionMismatch, InvalidStateTransition -> state == null
                    ? new ReplayOutcome(Kind.RETRY, null, reason + " (without executionState)")
                    : new ReplayOutcome(judge(sent, state), state, reason);
            case InvalidRequest, InvalidJson, InvalidTopic, TerminalStateReached ->
                    new ReplayOutcome(Kind.REFUSED, null, reason);
            case InternalError -> new ReplayOutcome(Kind.RETRY, null, reason);
        };
    }

    /**
     * A rejection's state: the update was already applied if the cloud shows exactly what it produces (the answer
     * to an earlier send was lost); a terminal state means the cloud ended the execution otherwise; anything else
     * is a version the gateway did not expect.
     */
    private static Kind judge(UpdateJobExecutionRequest sent, JobExecutionState state) {
        if (producedBy(sent, state)) {
            return Kind.APPLIED;
        }
        return state.status().isTerminal() ? Kind.CONFLICT : Kind.REALIGN;
    }

    /** Whether the state is what the update leads to from its expectedVersion (same status and details, +1). */
    static boolean producedBy(UpdateJobExecutionRequest sent, JobExecutionState state) {
        return state.status() == sent.status()
                && sent.expectedVersion() != null && state.versionNumber() == sent.expectedVersion() + 1
                && (sent.statusDetails() == null || sent.statusDetails().equals(state.statusDetails()));
    }
}
