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
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamListener;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
public final class GatewayEngine implements JobsDataPlane, UpstreamListener, ThingPresenceListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayEngine.class);

    private final JobStore store;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final UpstreamAccess upstream = new UpstreamAccess();
    private final KnownThings things = new KnownThings();
    private final NotificationRelay relay = new NotificationRelay();
    private final ThingLanes notificationLanes;
    private final CacheWriter cache;
    private final CacheRefresher refresher;
    private final RequestPath path;
    private final OnlineProxy online;
    private final OfflineDataPlane offline;
    private final Prefetcher prefetcher;
    private volatile EngineOptions options;
    private ScheduledFuture<?> periodicPrefetch;

    public GatewayEngine(JobStore store, EngineOptions options, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.options = options;
        this.workers = Executors.newFixedThreadPool(options.workerThreads(), threads("edgejobs-engine-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("edgejobs-engine-timer-"));
        this.notificationLanes = new ThingLanes(workers);
        this.cache = new CacheWriter(store, new ThingLanes(workers));
        this.refresher = new CacheRefresher(upstream, cache, store, new EngineTokens(), workers, clock,
                options.requestTimeout());
        this.path = new RequestPath(new ThingLanes(workers), clock, options.requestTimeout());
        this.online = new OnlineProxy(upstream, cache, refresher, workers, clock);
        this.offline = new OfflineDataPlane(new CachedReads(store, clock), new OfflineWritesRefused());
        this.prefetcher = new Prefetcher(refresher::syncThing, upstream::isConnected, options.prefetchConcurrency());
        things.configure(options.things());
        things.addStored(store.knownThings());
        schedulePeriodicPrefetch(options);
    }

    // ---- configuration and services ------------------------------------------------------------------------

    /** Applies new settings; the worker pool size is kept until the engine is recreated. */
    public void reconfigure(EngineOptions next) {
        EngineOptions previous = options;
        options = next;
        path.setBound(next.requestTimeout());
        refresher.setBound(next.requestTimeout());
        prefetcher.setConcurrency(next.prefetchConcurrency());
        things.configure(next.things());
        if (!next.prefetchInterval().equals(previous.prefetchInterval())) {
            schedulePeriodicPrefetch(next);
        }
        if (!next.things().equals(previous.things())) {
            onWorker(this::watchAndPrefetchAll);
        }
        if (next.workerThreads() != previous.workerThreads()) {
            LOG.info("workerThreads {} applies at the next start of the engine", next.workerThreads());
        }
    }

    public void setUpstream(UpstreamConnection connection) {
        upstream.set(connection);
        LOG.info("upstream connection bound, state {}", connection.state());
        if (connection.state() == ConnectionState.CONNECTED) {
            onWorker(this::watchAndPrefetchAll);
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
        return path.handle(request, left -> online.getPending(request, left),
                () -> offline.getPendingJobExecutions(request), () -> { });
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request) {
        String thing = request.thingName();
        return path.handle(request, left -> online.startNext(request, left),
                () -> offline.startNextPendingJobExecution(request), () -> recheckLater(() -> refresher
                        .syncThing(thing)));
    }

    @Override
    public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
        return path.handle(request, left -> online.describe(request, left),
                () -> offline.describeJobExecution(request), () -> { });
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
        String thing = request.thingName();
        CacheRefresher.Target target = new CacheRefresher.Target(request.jobId(), request.executionNumber(), false);
        return path.handle(request, left -> online.update(request, left),
                () -> offline.updateJobExecution(request), () -> recheckLater(() -> refresher.describe(thing,
                        target)));
    }

    // ---- UpstreamListener ------------------------------------------------------------------------------------

    @Override
    public void connectionStateChanged(ConnectionState state) {
        LOG.info("upstream connection {}", state);
        if (state == ConnectionState.CONNECTED) {
            onWorker(this::watchAndPrefetchAll);
        }
    }

    /**
     * notify: relayed to the devices, then the executions it shows the cache to be missing or stale are described.
     * Notifications of a thing keep their order on the thing's notification lane.
     */
    @Override
    public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
        notificationLanes.submit(thingName, () -> {
            relay.jobExecutionsChanged(thingName, event);
            refresher.reconcile(thingName, NotificationCheck.listed(event), NotificationCheck.isComplete(event),
                    false).whenComplete((v, e) -> logged(thingName, e));
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * notify-next: its execution and document are cached first (so a device reacting to it finds them even if the
     * cloud is gone a moment later), then it is relayed; cached pending executions it shows to be stale are
     * described after.
     */
    @Override
    public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
        notificationLanes.submit(thingName, () -> {
            CompletableFuture<Boolean> cached = event.execution() == null
                    ? CompletableFuture.completedFuture(true)
                    : cache.putNotified(event.execution(), event.timestamp() == null ? clock.instant()
                            : event.timestamp());
            return cached.thenAccept(known -> {
                relay.nextJobExecutionChanged(thingName, event);
                refresher.describeAll(thingName, NotificationCheck.staleAfterNext(store, thingName,
                        event.execution(), known)).whenComplete((v, e) -> logged(thingName, e));
            });
        });
    }

    // ---- ThingPresenceListener --------------------------------------------------------------------------------

    @Override
    public void thingSeen(String thingName) {
        if (!Identifiers.isValidThingName(thingName)) {
            LOG.warn("ignoring presence of '{}': not a thing name", thingName);
            return;
        }
        if (things.add(thingName)) {
            LOG.info("thing {} seen for the first time: watching it upstream and prefetching its jobs", thingName);
            onWorker(() -> {
                watchThings();
                prefetcher.request(thingName);
            });
        }
    }

    /** Things queued or syncing (tests, diagnostics). */
    int prefetchesPending() {
        return prefetcher.pending();
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private void watchAndPrefetchAll() {
        watchThings();
        prefetcher.requestAll(things.all());
    }

    private void watchThings() {
        upstream.current().ifPresent(c -> {
            try {
                c.watchThings(things.all());
            } catch (RuntimeException e) {
                LOG.error("upstream refused to watch {} things", things.all().size(), e);
            }
        });
    }

    private void recheckLater(Supplier<CompletableFuture<Void>> recheck) {
        try {
            timer.schedule(() -> onWorker(() -> {
                if (upstream.isConnected()) {
                    recheck.get().whenComplete((v, e) -> logged("(re-check)", e));
                }
            }), options.recheckDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("engine closing; re-check dropped");
        }
    }

    private void schedulePeriodicPrefetch(EngineOptions next) {
        synchronized (timer) {
            if (periodicPrefetch != null) {
                periodicPrefetch.cancel(false);
                periodicPrefetch = null;
            }
            long seconds = next.prefetchInterval().toSeconds();
            if (seconds > 0) {
                periodicPrefetch = timer.scheduleWithFixedDelay(() -> onWorker(this::watchAndPrefetchAll), seconds,
                        seconds, TimeUnit.SECONDS);
            }
        }
    }

    private void onWorker(Runnable task) {
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("engine task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("engine closing; task dropped");
        }
    }

    private static void logged(String thing, Throwable error) {
        if (error != null) {
            CacheRefresher.logFailure(thing, "cache refresh", error);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("engine workers still busy after 5 s; interrupting");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
