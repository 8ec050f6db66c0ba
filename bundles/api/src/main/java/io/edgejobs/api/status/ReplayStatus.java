package io.edgejobs.api.status;

import java.time.Instant;
import java.util.Objects;

/**
 * What the outbox replay did since the engine started (docs/reconciliation.md).
 *
 * @param sent updates sent to AWS IoT (a re-send counts again)
 * @param confirmed outbox entries the cloud holds (accepted, or found applied after a lost answer)
 * @param throttled RequestThrottled answers (each followed by a pause)
 * @param failures timeouts and InternalError answers: outcome unknown, the entry is sent again (retries)
 * @param conflicts entries dropped or re-sent because the cloud decided otherwise (each one is in the audit)
 * @param pauses backoff pauses the replay took (throttled, failures, a version that kept moving)
 * @param lastReplay the last replay of a thing's outbox that sent something; null before the first one
 */
public record ReplayStatus(long sent, long confirmed, long throttled, long failures, long conflicts, long pauses,
        LastReplay lastReplay) {

    /** Nothing replayed yet. */
    public static final ReplayStatus NONE = new ReplayStatus(0, 0, 0, 0, 0, 0, null);

    /** How a replay of one thing's outbox ended. */
    public enum Outcome {
        /** The thing's outbox is empty: every entry was confirmed or resolved as a conflict. */
        COMPLETE,
        /** The link went down: the rest waits for the next connection. */
        LINK_DOWN,
        /** An unexpected error stopped it (logged); the entries wait for the next run. */
        FAILED
    }

    /**
     * One replay of one thing's outbox.
     *
     * @param thingName the thing whose outbox was replayed
     * @param startedAt when it started
     * @param endedAt when it ended
     * @param outcome how it ended
     * @param sent updates it sent
     * @param confirmedExecutions executions whose updates the cloud confirmed in it
     */
    public record LastReplay(String thingName, Instant startedAt, Instant endedAt, Outcome outcome, int sent,
            int confirmedExecutions) {
        public LastReplay {
            Objects.requireNonNull(thingName, "thingName");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(endedAt, "endedAt");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
