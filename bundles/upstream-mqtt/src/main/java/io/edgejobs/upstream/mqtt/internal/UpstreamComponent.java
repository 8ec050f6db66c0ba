package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamListener;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
 * The {@link UpstreamConnection} service. It registers itself (not through DS) so that the service property
 * {@value UpstreamConnection#STATE_PROPERTY} follows the connection state; {@link UpstreamListener} services are
 * told about state changes and the cloud's notifications.
 *
 * <p>Configuration is required: without one there is no endpoint or identity to connect with, and the gateway
 * runs offline. A bad configuration stops the component with the reason logged; network and TLS trouble never do
 * (they are reported as state and retried). A changed configuration replaces the connection: requests in flight
 * on the old one fail (published ones as timed out), the watched things are carried over.
 */
@Component(name = UpstreamComponent.PID, configurationPid = UpstreamComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {}, immediate = true)
@Designate(ocd = Config.class)
public final class UpstreamComponent implements UpstreamConnection {
    static final String PID = "io.edgejobs.upstream";
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamComponent.class);

    private final SocketFactorySource sockets;
    private final UpstreamEvents events;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private volatile UpstreamClient client;
    private volatile UpstreamOptions options;
    private volatile ServiceRegistrar.Registration registration;

    public UpstreamComponent() {
        this(SocketFactorySource.STANDARD);
    }

    UpstreamComponent(SocketFactorySource sockets) {
        this.sockets = sockets;
        this.events = new UpstreamEvents("upstream", this::publishState);
    }

    @Activate
    void activate(BundleContext context, Config config) {
        activate(config, ServiceRegistrar.of(context));
    }

    void activate(Config config, ServiceRegistrar registrar) {
        UpstreamOptions wanted;
        try {
            wanted = UpstreamOptions.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("upstream: configuration {} rejected, the connection to AWS IoT Core does not start: {}",
                    PID, e.getMessage());
            events.close();
            throw e;
        }
        options = wanted;
        client = new UpstreamClient(wanted, sockets, events);
        registration = registrar.register(this, properties(wanted, ConnectionState.DISCONNECTED));
        LOG.info("upstream: configured {}", wanted);
        try {
            client.start();
        } catch (IllegalArgumentException e) {
            LOG.error("upstream: configuration {} rejected, the connection to AWS IoT Core does not start: {}",
                    PID, e.getMessage());
            deactivate();
            throw e;
        }
    }

    @Modified
    void modified(Config config) {
        UpstreamOptions wanted;
        try {
            wanted = UpstreamOptions.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("upstream: configuration {} rejected, the previous one stays in force: {}", PID,
                    e.getMessage());
            return;
        }
        UpstreamClient previous = client;
        UpstreamClient next = new UpstreamClient(wanted, sockets, events);
        previous.close();
        options = wanted;
        client = next;
        next.watchThings(List.copyOf(watched));
        LOG.info("upstream: reconfigured {}", wanted);
        try {
            next.start();
        } catch (IllegalArgumentException e) {
            LOG.error("upstream: configuration {} rejected; the connection stays down until it is fixed: {}", PID,
                    e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        ServiceRegistrar.Registration current = registration;
        registration = null;
        if (current != null) {
            current.unregister();
        }
        UpstreamClient c = client;
        if (c != null) {
            c.close();
        }
        events.close();
    }

    @Reference(service = UpstreamListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addListener(UpstreamListener listener) {
        events.addListener(listener);
    }

    void removeListener(UpstreamListener listener) {
        events.removeListener(listener);
    }

    private void publishState(ConnectionState state) {
        ServiceRegistrar.Registration current = registration;
        UpstreamOptions currentOptions = options;
        if (current != null && currentOptions != null) {
            current.update(properties(currentOptions, state));
        }
    }

    private static Dictionary<String, Object> properties(UpstreamOptions options, ConnectionState state) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(STATE_PROPERTY, state.name());
        properties.put(Constants.SERVICE_DESCRIPTION, "Edgejobs upstream connection to AWS IoT Core");
        properties.put("edgejobs.upstream.clientId", options.clientId());
        if (options.endpoint() != null) {
            properties.put("edgejobs.upstream.endpoint", options.endpoint().toString());
        }
        return properties;
    }

    /** The current connection (tests and diagnostics). */
    UpstreamClient client() {
        return client;
    }

    @Override
    public ConnectionState state() {
        UpstreamClient c = client;
        return c == null ? ConnectionState.DISCONNECTED : c.state();
    }

    @Override
    public void watchThings(Collection<String> thingNames) {
        watched.addAll(thingNames);
        UpstreamClient c = client;
        if (c != null) {
            c.watchThings(thingNames);
        }
    }

    @Override
    public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
            GetPendingJobExecutionsRequest request) {
        return client.forward(request, AnswerReader.GET_PENDING);
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request) {
        return client.forward(request, AnswerReader.START_NEXT);
    }

    @Override
    public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
        return client.forward(request, AnswerReader.DESCRIBE);
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
        return client.forward(request, AnswerReader.UPDATE);
    }
}
