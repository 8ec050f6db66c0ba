package io.edgejobs.engine.internal;

/**
 * Counters of the outbox replay since the engine started (diagnostics, tests).
 *
 * @param sent updates sent to AWS IoT
 * @param confirmed outbox entries the cloud holds (accepted, or found applied after a lost answer)
 * @param throttled RequestThrottled answers
 * @param failures timeouts and InternalError answers (outcome unknown, sent again)
 * @param conflicts entries dropped or re-sent because the cloud decided otherwise (see the audit)
 */
public record ReplayStatistics(long sent, long confirmed, long throttled, long failures, long conflicts) {
}
