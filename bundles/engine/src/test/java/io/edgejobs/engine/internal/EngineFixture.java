package io.edgejobs.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ExecutionTimers;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.api.store.JobDocumentRecord;
import io.edgejobs.api.store.StoreChange;
import io.edgejobs.store.sqlite.internal.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An engine on a real SQLite store in a temp folder, with a scripted upstream; times in whole seconds. */
final class EngineFixture implements AutoCloseable {

    static final String THING = "pump-1";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String DOC = "{\"operation\":\"install\"}";

    final TestStores.OpenStore store;
    final ScriptedUpstream upstream = new ScriptedUpstream();
    final GatewayEngine engine;

    EngineFixture(Path dir, EngineOptions options) throws Exception {
        this(dir, options, Clock.systemUTC());
    }

    EngineFixture(Path dir, EngineOptions options, Clock clock) throws Exception {
        this.store = TestStores.open(dir.resolve("gateway.db"));
        this.engine = new GatewayEngine(store, options, clock);
    }

    static EngineOptions fastOptions() {
        return EngineOptions.DEFAULTS.withRequestTimeout(Duration.ofMillis(800)).withPrefetchInterval(Duration.ZERO)
                .withRecheckDelay(Duration.ofMillis(50));
    }

    /** Connects the scripted upstream. */
    void connect() {
        upstream.state = io.edgejobs.api.upstream.ConnectionState.CONNECTED;
        engine.setUpstream(upstream);
    }

    static JobExecution execution(String jobId, JobExecutionStatus status, long version, Map<String, String> details,
            String document) {
        return new JobExecution(jobId, THING, document, status, details, T0, status == JobExecutionStatus.QUEUED
                ? null : T0.plusSeconds(10), T0.plusSeconds(10 * version), version, 1, null);
    }

    static ExecutionRecord record(String jobId, JobExecutionStatus status, long version) {
        return new ExecutionRecord(THING, jobId, 1, status, Map.of(), T0, status == JobExecutionStatus.QUEUED ? null
                : T0.plusSeconds(10), T0.plusSeconds(10 * version), version, ExecutionTimers.NONE);
    }

    /** Puts executions (and the document of each job) into the cache and marks the thing as filled. */
    void cache(ExecutionRecord... records) throws Exception {
        List<StoreChange> changes = new java.util.ArrayList<>();
        for (ExecutionRecord r : records) {
            changes.add(new StoreChange.PutExecution(r));
            changes.add(new StoreChange.PutDocument(new JobDocumentRecord(r.jobId(), DOC, T0)));
        }
        changes.add(new StoreChange.AddThing(THING, T0));
        await(store.commit(changes));
    }

    ExecutionRecord cached(String jobId) {
        return store.latestExecution(THING, jobId).orElseThrow(() -> new AssertionError(jobId + " not cached"));
    }

    Set<String> knownThings() {
        return store.knownThings();
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The rejection a stage failed with. */
    static JobsException rejection(CompletionStage<?> stage, ErrorCode expected) throws Exception {
        try {
            Object answer = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            return fail("expected " + expected + ", got " + answer);
        } catch (ExecutionException e) {
            JobsException error = assertInstanceOf(JobsException.class, Failures.unwrap(e));
            assertEquals(expected, error.code(), error::getMessage);
            return error;
        } catch (TimeoutException e) {
            return fail("no answer within 10 s");
        }
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
