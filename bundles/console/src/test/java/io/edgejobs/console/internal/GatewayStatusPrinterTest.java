package io.edgejobs.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.store.ConflictKind;
import io.edgejobs.api.store.ConflictRecord;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.store.StoreChange;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.store.sqlite.internal.ConsoleTestStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.inventory.Format;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Status tab section rendered from the real SQLite store. */
class GatewayStatusPrinterTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private ConsoleTestStores.OpenStore open;
    private JobStore store;

    @BeforeEach
    void openStore() throws Exception {
        open = ConsoleTestStores.open(dir.resolve("jobs.db"));
        store = open.store();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (open != null) {
            open.close();
        }
    }

    /** Each of {@code expected} is a part of {@code text}; the message names the missing one and shows the text. */
    private static void assertShows(String text, String... expected) {
        for (String part : expected) {
            assertTrue(text.contains(part), "missing \"" + part + "\" in:\n" + text);
        }
    }

    @Test
    void textShowsStoreOutboxPendingExecutionsAndConflicts() throws Exception {
        // given: two known things, pending executions, one outbox entry and two recorded conflicts
        givenGatewayState();

        // when
        String text = print(config(20, 100), Format.TEXT);

        // then
        assertShows(text,
                "Upstream connection: not registered",
                "path:            " + dir.resolve("jobs.db"),
                "journal mode:    wal",
                "quarantined file: none",
                "Outbox depth: 1",
                "Things with outbox entries: pump-1",
                "Known things: 2",
                "pump-1: 2 pending, 1 outbox entries",
                "job-b #1 IN_PROGRESS version 3",
                "job-a #1 QUEUED version 1",
                "valve-2: 0 pending, 0 outbox entries",
                "Recent reconciliation conflicts (newest first): 2",
                "CANCELED_IN_CLOUD pump-1/job-c #1: local IN_PROGRESS v2, cloud CANCELED v3, "
                        + "dropped outbox entries 1 (cloud canceled)");
        assertTrue(text.indexOf("VERSION_REALIGNED") < text.indexOf("CANCELED_IN_CLOUD"), "newest first:\n" + text);
    }

    @Test
    void jsonIsOneParsableObjectWithTheSameFacts() throws Exception {
        // given
        givenGatewayState();

        // when
        JsonNode json = new ObjectMapper().readTree(print(config(20, 100), Format.JSON));

        // then
        assertTrue(json.get("upstream").isNull());
        assertEquals("wal", json.at("/store/journalMode").asText());
        assertEquals(dir.resolve("jobs.db").toString(), json.at("/store/path").asText());
        assertTrue(json.at("/store/quarantinedFile").isNull());
        assertEquals(1, json.at("/outbox/depth").asLong());
        assertEquals("pump-1", json.at("/outbox/things/0").asText());
        assertEquals(2, json.get("knownThings").asInt());
        assertEquals("pump-1", json.at("/things/0/thingName").asText());
        assertEquals(1, json.at("/things/0/outboxEntries").asInt());
        assertEquals("IN_PROGRESS", json.at("/things/0/pending/0/status").asText());
        assertEquals(3, json.at("/things/0/pending/0/versionNumber").asLong());
        assertEquals("VERSION_REALIGNED", json.at("/conflicts/0/kind").asText());
        assertTrue(json.at("/conflicts/0/localStatus").isNull());
        assertEquals("CANCELED_IN_CLOUD", json.at("/conflicts/1/kind").asText());
        assertEquals("say \"hi\"\nline", json.at("/conflicts/0/detail").asText());
        assertEquals(3, json.at("/conflicts/1/cloudVersion").asLong());
    }

    @Test
    void configLimitsConflictsAndThings() throws Exception {
        // given
        givenGatewayState();

        // when: one conflict, one thing
        JsonNode json = new ObjectMapper().readTree(print(config(1, 1), Format.JSON));
        String text = print(config(0, 1), Format.TEXT);

        // then
        assertEquals(1, json.get("conflicts").size());
        assertEquals("VERSION_REALIGNED", json.at("/conflicts/0/kind").asText());
        assertEquals(1, json.get("things").size());
        assertEquals(2, json.get("knownThings").asInt());
        assertTrue(text.contains("Known things: 2 (first 1 shown)"), text);
        assertTrue(text.contains("Recent reconciliation conflicts (newest first): 0"), text);
        assertFalse(text.contains("valve-2"), text);
    }

    @Test
    void upstreamStateIsShownWhenAConnectionIsRegistered() throws Exception {
        // given
        givenGatewayState();
        GatewayStatus status = new StatusReader(store).read(Optional.of(ConnectionState.BACKING_OFF),
                Optional.empty(), StatusOptions.defaults());

        // when
        StringWriter text = new StringWriter();
        new TextStatusRenderer().render(status, new PrintWriter(text));
        StringWriter json = new StringWriter();
        new JsonStatusRenderer().render(status, new PrintWriter(json));

        // then
        assertTrue(text.toString().contains("Upstream connection: BACKING_OFF"), text.toString());
        assertEquals("BACKING_OFF", new ObjectMapper().readTree(json.toString()).get("upstream").asText());
    }

    @Test
    void theReplayCountersAndTheLastReplayComeFromTheEnginesExportedStatus() throws Exception {
        // given an engine that replayed pump-1's outbox with one conflict and one throttled pause
        givenGatewayState();
        GatewayStatusPrinter printer = new GatewayStatusPrinter(store, config(20, 100));
        ReplayStatus.LastReplay last = new ReplayStatus.LastReplay("pump-1", T0.plusSeconds(30), T0.plusSeconds(32),
                ReplayStatus.Outcome.COMPLETE, 4, 2);
        printer.setReplayStatusProvider(() -> new ReplayStatus(5, 3, 1, 2, 1, 3, last));

        // when
        StringWriter text = new StringWriter();
        printer.print(new PrintWriter(text), Format.TEXT, false);
        StringWriter out = new StringWriter();
        printer.print(new PrintWriter(out), Format.JSON, false);
        JsonNode json = new ObjectMapper().readTree(out.toString());

        // then the text section lists every counter and the last replay
        String shown = text.toString();
        assertShows(shown,
                "Outbox replay (since the engine started)",
                "  updates sent:      5",
                "  entries confirmed: 3",
                "  conflicts:         1",
                "  retries:           2",
                "  throttled:         1",
                "  pauses:            3",
                "  last replay:       pump-1 COMPLETE, started 2026-11-23T10:00:30Z, ended "
                        + "2026-11-23T10:00:32Z, 4 updates sent, 2 executions confirmed");
        // and the JSON object the same
        assertEquals(5, json.at("/replay/sent").asLong());
        assertEquals(3, json.at("/replay/confirmed").asLong());
        assertEquals(1, json.at("/replay/conflicts").asLong());
        assertEquals(2, json.at("/replay/retries").asLong());
        assertEquals(1, json.at("/replay/throttled").asLong());
        assertEquals(3, json.at("/replay/pauses").asLong());
        assertEquals("pump-1", json.at("/replay/lastReplay/thingName").asText());
        assertEquals("2026-11-23T10:00:30Z", json.at("/replay/lastReplay/startedAt").asText());
        assertEquals("2026-11-23T10:00:32Z", json.at("/replay/lastReplay/endedAt").asText());
        assertEquals("COMPLETE", json.at("/replay/lastReplay/outcome").asText());
        assertEquals(4, json.at("/replay/lastReplay/sent").asInt());
        assertEquals(2, json.at("/replay/lastReplay/confirmedExecutions").asInt());
    }

    @Test
    void withoutTheEngineOrBeforeAnyReplayTheReplaySectionSaysSo() throws Exception {
        // given no engine registered
        GatewayStatusPrinter printer = new GatewayStatusPrinter(store, config(20, 100));
        String text = print(config(20, 100), Format.TEXT);
        JsonNode json = new ObjectMapper().readTree(print(config(20, 100), Format.JSON));
        assertTrue(text.contains("Outbox replay: engine not registered"), text);
        assertTrue(json.get("replay").isNull());

        // when the engine is there but nothing was replayed yet
        printer.setReplayStatusProvider(() -> ReplayStatus.NONE);
        StringWriter out = new StringWriter();
        printer.print(new PrintWriter(out), Format.TEXT, false);
        StringWriter jsonOut = new StringWriter();
        printer.print(new PrintWriter(jsonOut), Format.JSON, false);

        // then zeros and no last replay
        assertTrue(out.toString().contains("  updates sent:      0"), out.toString());
        assertTrue(out.toString().contains("  last replay:       none"), out.toString());
        JsonNode none = new ObjectMapper().readTree(jsonOut.toString());
        assertEquals(0, none.at("/replay/sent").asLong());
        assertTrue(none.at("/replay/lastReplay").isNull());
    }

    @Test
    void anEmptyStoreRendersEmptySections() throws Exception {
        // when
        String text = print(config(20, 100), Format.TEXT);
        JsonNode json = new ObjectMapper().readTree(print(config(20, 100), Format.JSON));

        // then
        assertShows(text,
                "Outbox depth: 0",
                "Things with outbox entries: none",
                "Known things: 0");
        assertEquals(0, json.get("things").size());
        assertEquals(0, json.get("conflicts").size());
    }

    @Test
    void aClosedStoreIsReportedNotThrown() throws Exception {
        // given
        GatewayStatusPrinter printer = new GatewayStatusPrinter(store, config(20, 100));
        open.close();
        open = null;

        // when
        StringWriter text = new StringWriter();
        printer.print(new PrintWriter(text), Format.TEXT, false);
        StringWriter json = new StringWriter();
        printer.print(new PrintWriter(json), Format.JSON, false);

        // then
        assertTrue(text.toString().startsWith("Store unavailable"), text.toString());
        assertTrue(new ObjectMapper().readTree(json.toString()).get("error").asText().startsWith("store unavailable"));
    }

    @Test
    void badConfigIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StatusOptions.from(config(-1, 10)));
        assertThrows(IllegalArgumentException.class, () -> StatusOptions.from(config(10, 0)));
        assertThrows(IllegalArgumentException.class, () -> StatusOptions.from(config(1001, 10)));
    }

    private String print(Config config, Format format) {
        StringWriter out = new StringWriter();
        new GatewayStatusPrinter(store, config).print(new PrintWriter(out), format, false);
        return out.toString();
    }

    private void givenGatewayState() {
        commit(new StoreChange.AddThing("valve-2", T0), new StoreChange.AddThing("pump-1", T0),
                new StoreChange.PutExecution(execution("pump-1", "job-a", JobExecutionStatus.QUEUED, 1, T0)),
                new StoreChange.PutExecution(execution("pump-1", "job-b", JobExecutionStatus.IN_PROGRESS, 3,
                        T0.plusSeconds(1))),
                new StoreChange.PutExecution(execution("pump-1", "job-old", JobExecutionStatus.SUCCEEDED, 2, T0)),
                new StoreChange.AppendOutbox(new UpdateJobExecutionRequest("pump-1", "job-b",
                        JobExecutionStatus.IN_PROGRESS, Map.of("step", "2"), 2L, 1L, false, false, null, "tok"), 3,
                        T0.plusSeconds(2)));
        commit(new StoreChange.RecordConflict(new ConflictRecord(0, T0.plusSeconds(10), "pump-1", "job-c", 1,
                ConflictKind.CANCELED_IN_CLOUD, JobExecutionStatus.IN_PROGRESS, 2L, JobExecutionStatus.CANCELED, 3L,
                1, "cloud canceled")));
        commit(new StoreChange.RecordConflict(new ConflictRecord(0, T0.plusSeconds(20), "valve-2", "job-d", 2,
                ConflictKind.VERSION_REALIGNED, null, null, JobExecutionStatus.QUEUED, 5L, 0, "say \"hi\"\nline")));
    }

    private static ExecutionRecord execution(String thing, String jobId, JobExecutionStatus status, long version,
            Instant queuedAt) {
        return new ExecutionRecord(thing, jobId, 1, status, Map.of(), queuedAt,
                status == JobExecutionStatus.QUEUED ? null : queuedAt, queuedAt, version, null);
    }

    private void commit(StoreChange... changes) {
        store.commit(List.of(changes)).toCompletableFuture().join();
    }

    private static Config config(int recentConflicts, int maxThings) {
        return new Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Config.class;
            }

            @Override
            public int recentConflicts() {
                return recentConflicts;
            }

            @Override
            public int maxThings() {
                return maxThings;
            }
        };
    }
}
