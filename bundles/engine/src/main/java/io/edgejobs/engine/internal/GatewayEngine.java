package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobNotificationListener;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.Identifiers;
import io.edgejobs.api.presence.ThingPresenceListener;
import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.status.ReplayStatusProvider;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway core without OSGi: the local {@link JobsDataPlane} devices talk to (through the transports), the
 * {@link UpstreamListener} of the cloud connection and the {@link ThingPresenceListener} of the transports.
 *
 * <p>Threads: callers (broker threads, the upstream connection's threads) only queue work; requests, cache writes
 * and prefetches run on the engine's worker pool, timers on one scheduler thread. Nothing blocks waiting for AWS.
 */
public final class GatewayEngine implements JobsDataPlane, UpstreamListener, ThingPresenceListener,
        ReplayStatusProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayEngine.class);
    /** How often the timers of things answered locally are checked. */
    static final Duration TIMER_SWEEP = Duration.ofSeconds(1);

    private final EngineThreads threads;
    private final UpstreamAccess upstream = new UpstreamAccess();
    private final NotificationRelay relay = new NotificationRelay();
    private final DirtyThings dirty;
    private final CacheRefresher refresher;
    private final RequestPath path;
    private final DeviceRequests requests;
    private final LocalTimers timers;
    private final AwaitedTimeouts awaited;
    private final ReplayPacer pacer;
    private final OutboxReplayer replayer;
    private final ThingReconciler reconciler;
    private final Prefetcher prefetcher;
    private final ThingWatch watch;
    private final NotificationIntake notifications;
    private final DocumentFreshness freshness;
    private volatile EngineOptions options;

    public GatewayEngine(JobStore store, EngineOptions options, Clock clock) {
        this.options = options;
        this.threads = new EngineThreads(options.workerThreads());
        ExecutorService workers = threads.workers();
        this.dirty = new DirtyThings(store.outboxThings());
        EngineTokens tokens = new EngineTokens();
        ThingLanes cacheLanes = new ThingLanes(workers);
        CacheWriter cache = new CacheWriter(store, cacheLanes);
        this.freshness = new DocumentFreshness(clock, options.presignedUrlMargin());
        this.refresher = new CacheRefresher(upstream, cache, store, tokens, workers, clock, options.requestTimeout(),
                freshness);
        this.path = new RequestPath(new ThingLanes(workers), clock, options.requestTimeout());
        LocalCommits commits = new LocalCommits(store, relay, freshness, refresher::refreshDocumentIfDue,
                upstream::isConnected);
        LocalWrites writes = new LocalWrites(store, cacheLanes, commits,
                new OutboxAdmission(store, () -> this.options.offline()), dirty,
                this::replaySoon, clock, freshness);
        ConflictRecorder conflicts = new ConflictRecorder(store, cacheLanes, commits, clock);
        this.awaited = new AwaitedTimeouts(new AwaitedTimeouts.Parts(store, upstream, cache, conflicts, tokens,
                workers, clock, () -> this.options.requestTimeout()));
        this.requests = new DeviceRequests(path, new OnlineProxy(upstream, cache, refresher, workers, clock),
                new OfflineDataPlane(new CachedReads(store, clock, freshness), writes), refresher, dirty, awaited,
                this::recheckLater);
        this.timers = new LocalTimers(store, cacheLanes, commits, t -> dirty.isDirty(t) || awaited.holds(t),
                upstream::isConnected, clock);
        OfflineOptions offline = options.offline();
        this.pacer = new ReplayPacer(threads.timer(), offline.replayRatePerSecond(), offline.replayBackoffInitial(),
                offline.replayBackoffMax());
        this.replayer = new OutboxReplayer(store, cacheLanes, upstream, pacer, conflicts, dirty, tokens, clock,
                () -> this.options.requestTimeout(), awaited);
        this.reconciler = new ThingReconciler(replayer, refresher, store, commits, dirty, clock, this::replaySoon);
        this.prefetcher = new Prefetcher(reconciler::reconcile, upstream::isConnected,
                options.prefetchConcurrency());
        this.watch = new ThingWatch(upstream, prefetcher, threads.timer(), threads::onWorker, options.things(),
                store.knownThings());
        this.notifications = new NotificationIntake(new ThingLanes(workers), cache, refresher, relay, store, clock,
                // both asked: an awaited timeout is described even while the thing's reconciliation runs
                thing -> reconciler.holdsBack(thing) | awaited.holdsBack(thing),
                new RefreshRetries(options.recheckDelay(), threads::later, upstream::isConnected,
                        refresher::syncThing));
        // a thing proxied again is synced, and its devices told what the cloud said while it was held
        awaited.onRelease(thing -> {
            reconciler.announce(Set.of(thing));
            replaySoon(thing);
        });
        // before any sweep or sync: a thing awaited when the gateway stopped must not be proxied meanwhile
        StoredAwaitedTimeouts.in(store)
                .forEach(e -> awaited.awaitAfterRestart(e.thing(), e.jobId(), e.executionNumber()));
        watch.schedule(options.prefetchInterval());
        threads.every(TIMER_SWEEP, timers::sweep);
        threads.every(TIMER_SWEEP, awaited::sweep);
        if (!dirty.all().isEmpty()) {
            LOG.info("{} things have device updates waiting in the outbox for AWS IoT: {}", dirty.all().size(),
                    dirty.all());
        }
    }

    // ---- configuration and services ------------------------------------------------------------------------

    /** Applies new settings; the worker pool size is kept until the engine is recreated. */
    public void reconfigure(EngineOptions next) {
        EngineOptions previous = options;
        options = next;
        path.setBound(next.requestTimeout());
        refresher.setBound(next.requestTimeout());
        freshness.setMargin(next.presignedUrlMargin());
        prefetcher.setConcurrency(next.prefetchConcurrency());
        pacer.configure(next.offline().replayRatePerSecond(), next.offline().replayBackoffInitial(),
                next.offline().replayBackoffMax());
        watch.configure(next.things());
        if (!next.prefetchInterval().equals(previous.prefetchInterval())) {
            watch.schedule(next.prefetchInterval());
        }
        if (next.workerThreads() != previous.workerThreads()) {
            LOG.info("workerThreads {} applies at the next start of the engine", next.workerThreads());
        }
    }

    /** Which cached documents were handed out with expired presigned URLs (tests, diagnostics). */
    DocumentFreshness documentFreshness() {
        return freshness;
    }

    public void setUpstream(UpstreamConnection connection) {
        upstream.set(connection);
        LOG.info("upstream connection bound, state {}", connection.state());
        if (connection.state() == ConnectionState.CONNECTED) {
            threads.onWorker(this::reconcileAll);
        }
    }

    public void unsetUpstream(UpstreamConnection connection) {
        upstream.unset(connection);
        LOG.info("upstream connection unbound: requests are answered from the cache");
    }

    public void addNotificationListener(JobNotificationListener listener) {
        relay.add(listener);
    }

    public void removeNotificationListener(JobNotificationListener listener) {
        relay.remove(listener);
    }

    // ---- JobsDataPlane ---------------------------------------------------------------------------------------

    @Override
    public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
            GetPendingJobExecutionsRequest request) {
        return requests.getPendingJobExecutions(request);
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request) {
        return requests.startNextPendingJobExecution(request);
    }

    @Override
    public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
        return requests.describeJobExecution(request);
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
        return requests.updateJobExecution(request);
    }

    // ---- UpstreamListener ------------------------------------------------------------------------------------

    @Override
    public void connectionStateChanged(ConnectionState state) {
        LOG.info("upstream connection {}", state);
        if (state == ConnectionState.CONNECTED) {
            threads.onWorker(this::reconcileAll);
        }
    }

    @Override
    public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
        notifications.jobExecutionsChanged(thingName, event);
    }

    @Override
    public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
        notifications.nextJobExecutionChanged(thingName, event);
    }

    // ---- ThingPresenceListener --------------------------------------------------------------------------------

    @Override
    public void thingSeen(String thingName) {
        if (!Identifiers.isValidThingName(thingName)) {
            LOG.warn("ignoring presence of '{}': not a thing name", thingName);
            return;
        }
        watch.seen(thingName);
    }

    /** Things queued or syncing (tests, diagnostics). */
    int prefetchesPending() {
        return prefetcher.pending();
    }

    /** Counters of the outbox replay since the engine started. */
    public ReplayStatistics replayStatistics() {
        return replayer.statistics();
    }

    @Override
    public ReplayStatus replayStatus() {
        return replayer.status();
    }

    /** The things held local until the cloud confirms a local timeout (tests, diagnostics). */
    AwaitedTimeouts awaitedTimeouts() {
        return awaited;
    }

    /** Runs one sweep of the local timers now (tests). */
    CompletableFuture<Void> sweepTimers() {
        return timers.sweep();
    }

    // ---- internals -------------------------------------------------------------------------------------------

    /**
     * Connected: every known thing (and every dirty one) has its outbox replayed and its cache synced, and its
     * devices are told what changed while the link was down.
     */
    private void reconcileAll() {
        Set<String> all = new TreeSet<>(watch.things());
        all.addAll(dirty.all());
        reconciler.announce(all);
        watch.watchAndPrefetchAll();
        prefetcher.requestAll(dirty.all());
    }

    /** A thing got an outbox entry: replayed at once when the link is up, else at the next connect. */
    private void replaySoon(String thing) {
        if (upstream.isConnected()) {
            prefetcher.request(thing);
        }
    }

    private void recheckLater(Supplier<CompletableFuture<Void>> recheck) {
        threads.later(options.recheckDelay(), () -> {
            if (upstream.isConnected()) {
                recheck.get().whenComplete((v, e) -> {
                    if (e != null) {
                        CacheRefresher.logFailure("(re-check)", "cache refresh", e);
                    }
                });
            }
        });
    }

    @Override
    public void close() {
        threads.close();
    }
}
