package io.edgejobs.console.internal;

import static io.edgejobs.console.internal.Json.number;
import static io.edgejobs.console.internal.Json.string;

import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.StoreInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Renders a {@link GatewayStatus} as one JSON object (the inventory's JSON format). */
final class JsonStatusRenderer {

    void render(GatewayStatus status, PrintWriter out) {
        StoreInfo store = status.store();
        out.print("{\"upstream\":" + string(status.upstream().map(Enum::name).orElse(null)));
        out.print(",\"store\":{\"path\":" + string(store.path()) + ",\"schemaVersion\":" + store.schemaVersion()
                + ",\"journalMode\":" + string(store.journalMode()) + ",\"synchronous\":"
                + string(store.synchronous()) + ",\"quarantinedFile\":" + string(store.quarantinedFile()) + "}");
        out.print(",\"outbox\":{\"depth\":" + status.outboxDepth() + ",\"things\":"
                + array(status.outboxThings().stream().sorted().toList(), Json::string) + "}");
        out.print(",\"replay\":" + status.replay().map(JsonStatusRenderer::replay).orElse("null"));
        out.print(",\"knownThings\":" + status.knownThings());
        out.print(",\"things\":" + array(status.things(), JsonStatusRenderer::thing));
        out.print(",\"conflicts\":" + array(status.conflicts(), JsonStatusRenderer::conflict));
        out.println("}");
        out.flush();
    }

    private static String replay(ReplayStatus replay) {
        ReplayStatus.LastReplay last = replay.lastReplay();
        return "{\"sent\":" + replay.sent() + ",\"confirmed\":" + replay.confirmed() + ",\"conflicts\":"
                + replay.conflicts() + ",\"retries\":" + replay.failures() + ",\"throttled\":" + replay.throttled()
                + ",\"pauses\":" + replay.pauses() + ",\"lastReplay\":" + (last == null ? "null"
                        : "{\"thingName\":" + string(last.thingName()) + ",\"startedAt\":" + string(last.startedAt())
                                + ",\"endedAt\":" + string(last.endedAt()) + ",\"outcome\":"
                                + string(last.outcome()) + ",\"sent\":" + last.sent() + ",\"confirmedExecutions\":"
                                + last.confirmedExecutions() + "}") + "}";
    }

    private static String thing(GatewayStatus.ThingStatus thing) {
        return "{\"thingName\":" + string(thing.thingName()) + ",\"outboxEntries\":" + thing.outboxEntries()
                + ",\"pending\":" + array(thing.pending(), JsonStatusRenderer::execution) + "}";
    }

    private static String execution(ExecutionRecord execution) {
        return "{\"jobId\":" + string(execution.jobId()) + ",\"executionNumber\":" + execution.executionNumber()
                + ",\"status\":" + string(execution.status()) + ",\"versionNumber\":" + execution.versionNumber()
                + ",\"lastUpdatedAt\":" + string(execution.lastUpdatedAt()) + "}";
    }

    private static String conflict(ConflictRecord conflict) {
        return "{\"id\":" + conflict.id() + ",\"recordedAt\":" + string(conflict.recordedAt()) + ",\"thingName\":"
                + string(conflict.thingName()) + ",\"jobId\":" + string(conflict.jobId()) + ",\"executionNumber\":"
                + conflict.executionNumber() + ",\"kind\":" + string(conflict.kind()) + ",\"localStatus\":"
                + string(conflict.localStatus()) + ",\"localVersion\":" + number(conflict.localVersion())
                + ",\"cloudStatus\":" + string(conflict.cloudStatus()) + ",\"cloudVersion\":"
                + number(conflict.cloudVersion()) + ",\"droppedEntries\":" + conflict.droppedEntries()
                + ",\"detail\":" + string(conflict.detail()) + "}";
    }

    private static <T> String array(List<T> items, Function<T, String> element) {
        return items.stream().map(element).collect(Collectors.joining(",", "[", "]"));
    }
}
