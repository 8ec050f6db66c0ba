package io.edgejobs.engine.internal;

import static io.edgejobs.api.jobs.JobExecutionStatus.CANCELED;
import static io.edgejobs.api.jobs.JobExecutionStatus.IN_PROGRESS;
import static io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED;
import static io.edgejobs.api.jobs.JobExecutionStatus.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.upstream.UpstreamTimeoutException;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What the cloud's answer to a replayed update means (docs/reconciliation.md, "Replay rules"). */
class ReplayOutcomeTest {

    private static final UpdateJobExecutionRequest SENT = new UpdateJobExecutionRequest("t", "j", SUCCEEDED,
            Map.of("result", "ok"), 3L, 1L, true, false, null, "tok");

    private static ReplayOutcome.Kind rejected(ErrorCode code, JobExecutionStatus status, long version,
            Map<String, String> details) {
        JobExecutionState state = status == null ? null : new JobExecutionState(status, details, version);
        return ReplayOutcome.of(SENT, null, new CompletionException(new JobsException(code, "x", state))).kind();
    }

    @Test
    void anAcceptedAnswerIsApplied() {
        JobExecutionState state = new JobExecutionState(SUCCEEDED, Map.of("result", "ok"), 4);
        ReplayOutcome outcome = ReplayOutcome.of(SENT, new UpdateJobExecutionResponse(state, null, Instant.EPOCH,
                "tok"), null);
        assertEquals(ReplayOutcome.Kind.APPLIED, outcome.kind());
        assertEquals(state, outcome.cloud());
    }

    @Test
    void aRejectionShowingExactlyWhatTheUpdateProducesMeansItWasAppliedBeforeItsAnswerWasLost() {
        // case 7: the retry of an update whose answer was lost
        assertEquals(ReplayOutcome.Kind.APPLIED, rejected(ErrorCode.VersionMismatch, SUCCEEDED, 4,
                Map.of("result", "ok")));
        assertEquals(ReplayOutcome.Kind.APPLIED, rejected(ErrorCode.InvalidStateTransition, SUCCEEDED, 4,
                Map.of("result", "ok")));
    }

    @Test
    void aTerminalStateTheUpdateDidNotProduceIsAConflictTheCloudWins() {
        // cases 2, 4, 6: cancelled or timed out in the cloud; another terminal status; other details
        assertEquals(ReplayOutcome.Kind.CONFLICT, rejected(ErrorCode.InvalidStateTransition, CANCELED, 3, Map.of()));
        assertEquals(ReplayOutcome.Kind.CONFLICT, rejected(ErrorCode.VersionMismatch, TIMED_OUT, 4, Map.of()));
        assertEquals(ReplayOutcome.Kind.CONFLICT, rejected(ErrorCode.VersionMismatch, SUCCEEDED, 4,
                Map.of("result", "other")));
        assertEquals(ReplayOutcome.Kind.CONFLICT, rejected(ErrorCode.VersionMismatch, SUCCEEDED, 5,
                Map.of("result", "ok")));
    }

    @Test
    void aNonTerminalStateAtAnotherVersionIsRealigned() {
        assertEquals(ReplayOutcome.Kind.REALIGN, rejected(ErrorCode.VersionMismatch, IN_PROGRESS, 5, Map.of()));
    }

    @Test
    void theOtherCodesAndFailures() {
        assertEquals(ReplayOutcome.Kind.GONE, rejected(ErrorCode.ResourceNotFound, null, 0, null));
        assertEquals(ReplayOutcome.Kind.THROTTLED, rejected(ErrorCode.RequestThrottled, null, 0, null));
        assertEquals(ReplayOutcome.Kind.RETRY, rejected(ErrorCode.InternalError, null, 0, null));
        assertEquals(ReplayOutcome.Kind.REFUSED, rejected(ErrorCode.InvalidRequest, null, 0, null));
        assertEquals(ReplayOutcome.Kind.RETRY, ReplayOutcome.of(SENT, null,
                new UpstreamTimeoutException("no answer")).kind());
        assertEquals(ReplayOutcome.Kind.LINK_DOWN, ReplayOutcome.of(SENT, null,
                new CompletionException(new UpstreamUnavailableException("down"))).kind());
    }
}
