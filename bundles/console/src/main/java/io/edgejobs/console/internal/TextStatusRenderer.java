package io.edgejobs.console.internal;

import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.StoreInfo;
import java.io.PrintWriter;

/** Renders a {@link GatewayStatus} as the plain text of the Status tab (and its .txt download). */
final class TextStatusRenderer {

    void render(GatewayStatus status, PrintWriter out) {
        // no heading of its own: the inventory prints the title ("*** Edgejobs gateway:") above the section
        out.println("Upstream connection: " + status.upstream().map(Enum::name).orElse("not registered"));
        out.println();
        StoreInfo store = status.store();
        out.println("Store");
        out.println("  path:            " + store.path());
        out.println("  schema version:  " + store.schemaVersion());
        out.println("  journal mode:    " + store.journalMode());
        out.println("  synchronous:     " + store.synchronous());
        out.println("  quarantined file: " + (store.quarantinedFile() == null ? "none" : store.quarantinedFile()));
        out.println();
        out.println("Outbox depth: " + status.outboxDepth());
        out.println("Things with outbox entries: "
                + (status.outboxThings().isEmpty() ? "none" : String.join(", ", status.outboxThings().stream()
                        .sorted().toList())));
        out.println();
        replay(status, out);
        out.println();
        out.println("Known things: " + status.knownThings()
                + (status.things().size() < status.knownThings() ? " (first " + status.things().size() + " shown)"
                        : ""));
        for (GatewayStatus.ThingStatus thing : status.things()) {
            out.println("  " + thing.thingName() + ": " + thing.pending().size() + " pending, "
                    + thing.outboxEntries() + " outbox entries");
            for (ExecutionRecord execution : thing.pending()) {
                out.println("    " + execution.jobId() + " #" + execution.executionNumber() + " "
                        + execution.status() + " version " + execution.versionNumber() + " updated "
                        + execution.lastUpdatedAt());
            }
        }
        out.println();
        out.println("Recent reconciliation conflicts (newest first): " + status.conflicts().size());
        for (ConflictRecord conflict : status.conflicts()) {
            out.println("  " + conflict.recordedAt() + " " + conflict.kind() + " " + conflict.thingName() + "/"
                    + conflict.jobId() + " #" + conflict.executionNumber() + ": local "
                    + side(conflict.localStatus(), conflict.localVersion()) + ", cloud "
                    + side(conflict.cloudStatus(), conflict.cloudVersion()) + ", dropped outbox entries "
                    + conflict.droppedEntries() + (conflict.detail().isEmpty() ? "" : " (" + conflict.detail() + ")"));
        }
        out.flush();
    }

    private static void replay(GatewayStatus status, PrintWriter out) {
        if (status.replay().isEmpty()) {
            out.println("Outbox replay: engine not registered");
            return;
        }
        ReplayStatus replay = status.replay().get();
        out.println("Outbox replay (since the engine started)");
        out.println("  updates sent:      " + replay.sent());
        out.println("  entries confirmed: " + replay.confirmed());
        out.println("  conflicts:         " + replay.conflicts());
        out.println("  retries:           " + replay.failures());
        out.println("  throttled:         " + replay.throttled());
        out.println("  pauses:            " + replay.pauses());
        ReplayStatus.LastReplay last = replay.lastReplay();
        out.println("  last replay:       " + (last == null ? "none" : last.thingName() + " " + last.outcome()
                + ", started " + last.startedAt() + ", ended " + last.endedAt() + ", " + last.sent()
                + " updates sent, " + last.confirmedExecutions() + " executions confirmed"));
    }

    private static String side(Object status, Long version) {
        return (status == null ? "-" : status.toString()) + (version == null ? "" : " v" + version);
    }
}
