package io.edgejobs.console.internal;

import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.upstream.ConnectionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads a {@link GatewayStatus} through the JobStore SPI and the engine's exported replay status only. */
final class StatusReader {

    private final JobStore store;

    StatusReader(JobStore store) {
        this.store = store;
    }

    GatewayStatus read(Optional<ConnectionState> upstream, Optional<ReplayStatus> replay, StatusOptions options) {
        Set<String> outboxThings = new TreeSet<>(store.outboxThings());
        TreeSet<String> known = new TreeSet<>(store.knownThings());
        // a thing with outbox entries is listed even when AddThing was never recorded for it
        known.addAll(outboxThings);
        List<GatewayStatus.ThingStatus> things = new ArrayList<>();
        for (String thing : known) {
            if (things.size() == options.maxThings()) {
                break;
            }
            int outboxEntries = outboxThings.contains(thing) ? store.outbox(thing).size() : 0;
            things.add(new GatewayStatus.ThingStatus(thing, outboxEntries, store.pendingExecutions(thing)));
        }
        return new GatewayStatus(upstream, store.info(), store.outboxSize(), outboxThings, known.size(), things,
                options.recentConflicts() == 0 ? List.of() : store.conflicts(options.recentConflicts()), replay);
    }
}
