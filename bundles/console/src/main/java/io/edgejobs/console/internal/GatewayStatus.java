package io.edgejobs.console.internal;

import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.StoreInfo;
import io.edgejobs.api.upstream.ConnectionState;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One consistent-enough read of the gateway's state for the Status tab.
 *
 * @param upstream the upstream connection's state; empty when no UpstreamConnection service is registered
 * @param knownThings how many things the store knows ({@code things} may hold fewer)
 * @param replay the engine's outbox replay counters; empty when no ReplayStatusProvider service is registered
 */
record GatewayStatus(Optional<ConnectionState> upstream, StoreInfo store, long outboxDepth, Set<String> outboxThings,
        int knownThings, List<ThingStatus> things, List<ConflictRecord> conflicts, Optional<ReplayStatus> replay) {

    GatewayStatus {
        outboxThings = Set.copyOf(outboxThings);
        things = List.copyOf(things);
        conflicts = List.copyOf(conflicts);
    }

    /** A known thing, its outbox entry count and its QUEUED/IN_PROGRESS executions. */
    record ThingStatus(String thingName, int outboxEntries, List<ExecutionRecord> pending) {
        ThingStatus {
            pending = List.copyOf(pending);
        }
    }
}
