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
import io.edgejobs.api.presence.ThingPresenceListener;
import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.status.ReplayStatusProvider;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamListener;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway engine as a DS component: the {@link JobsDataPlane} transports hand device requests to, the
 * {@link UpstreamListener} of the cloud connection and the {@link ThingPresenceListener} transports report devices
 * to, and the {@link ReplayStatusProvider} the Web Console reads the replay's counters from. The upstream
 * connection is optional and dynamic (without one, reads are answered from the cache); the job store is required.
 */
@Component(name = EngineComponent.PID, configurationPid = EngineComponent.PID,
        service = {JobsDataPlane.class, UpstreamListener.class, ThingPresenceListener.class,
            ReplayStatusProvider.class})
@Designate(ocd = Config.class)
public final class EngineComponent implements JobsDataPlane, UpstreamListener, ThingPresenceListener,
        ReplayStatusProvider {

    static final String PID = "io.edgejobs.engine";
    private static final Logger LOG = LoggerFactory.getLogger(EngineComponent.class);

    @Reference
    private JobStore store;

    private volatile GatewayEngine engine;
    private UpstreamConnection upstream; // guarded by this
    private final List<JobNotificationListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    void activate(Config config) {
        EngineOptions options = EngineOptions.from(config);
        GatewayEngine created = new GatewayEngine(store, options, Clock.systemUTC());
        listeners.forEach(created::addNotificationListener);
        synchronized (this) {
            engine = created;
            if (upstream != null) {
                created.setUpstream(upstream);
            }
        }
        LOG.info("gateway engine started: {}", options);
    }

    @Modified
    void modified(Config config) {
        EngineOptions options;
        try {
            options = EngineOptions.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("engine configuration rejected, the previous one stays in force: {}", e.getMessage());
            return;
        }
        engine.reconfigure(options);
        LOG.info("gateway engine reconfigured: {}", options);
    }

    @Deactivate
    void deactivate() {
        GatewayEngine current = engine;
        if (current != null) {
            current.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindUpstream(UpstreamConnection connection) {
        upstream = connection;
        if (engine != null) {
            engine.setUpstream(connection);
        }
    }

    synchronized void unbindUpstream(UpstreamConnection connection) {
        if (upstream == connection) {
            upstream = null;
        }
        if (engine != null) {
            engine.unsetUpstream(connection);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindNotificationListener(JobNotificationListener listener) {
        listeners.add(listener);
        GatewayEngine current = engine;
        if (current != null) {
            current.addNotificationListener(listener);
        }
    }

    void unbindNotificationListener(JobNotificationListener listener) {
        listeners.remove(listener);
        GatewayEngine current = engine;
        if (current != null) {
            current.removeNotificationListener(listener);
        }
    }

    @Override
    public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
            GetPendingJobExecutionsRequest request) {
        return engine.getPendingJobExecutions(request);
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request) {
        return engine.startNextPendingJobExecution(request);
    }

    @Override
    public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
        return engine.describeJobExecution(request);
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
        return engine.updateJobExecution(request);
    }

    @Override
    public void connectionStateChanged(ConnectionState state) {
        GatewayEngine current = engine;
        if (current != null) {
            current.connectionStateChanged(state);
        }
    }

    @Override
    public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
        GatewayEngine current = engine;
        if (current != null) {
            current.jobExecutionsChanged(thingName, event);
        }
    }

    @Override
    public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
        GatewayEngine current = engine;
        if (current != null) {
            current.nextJobExecutionChanged(thingName, event);
        }
    }

    @Override
    public ReplayStatus replayStatus() {
        GatewayEngine current = engine;
        return current == null ? ReplayStatus.NONE : current.replayStatus();
    }

    @Override
    public void thingSeen(String thingName) {
        GatewayEngine current = engine;
        if (current != null) {
            current.thingSeen(thingName);
        }
    }
}
