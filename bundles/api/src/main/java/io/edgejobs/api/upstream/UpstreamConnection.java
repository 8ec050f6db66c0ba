package io.edgejobs.api.upstream;

import io.edgejobs.api.dataplane.JobsDataPlane;
import java.util.Collection;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's client of the cloud Jobs data plane, acting on behalf of every downstream thing.
 *
 * <p>As a {@link JobsDataPlane} it forwards a request for any thing and completes with the cloud's answer; a cloud
 * rejection completes exceptionally with {@link io.edgejobs.api.jobs.JobsException} carrying the cloud's code.
 * When the request could not be sent the stage fails with {@link UpstreamUnavailableException} (the cloud never
 * saw it); when it was sent but no answer came within the configured bound it fails with
 * {@link UpstreamTimeoutException} (the outcome is unknown).
 *
 * <p>The service is registered with the property {@value #STATE_PROPERTY} holding the current
 * {@link ConnectionState} name, updated on every change.
 */
@ProviderType
public interface UpstreamConnection extends JobsDataPlane {
    /** Service property holding the connection state's name. */
    String STATE_PROPERTY = "edgejobs.upstream.state";

    /** The current connection state. */
    ConnectionState state();

    /**
     * The things whose notify and notify-next messages the gateway needs; the connection subscribes to them (or
     * relies on a wildcard subscription, as configured) and keeps them across reconnects.
     */
    void watchThings(Collection<String> thingNames);
}
