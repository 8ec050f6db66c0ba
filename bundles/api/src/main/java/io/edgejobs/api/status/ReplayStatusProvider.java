package io.edgejobs.api.status;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the gateway engine: the counters of its outbox replay (device updates accepted offline, sent to
 * AWS IoT once the link is back) and how the last replay went. Cheap to call, from any thread.
 */
@ProviderType
public interface ReplayStatusProvider {

    /** The replay's state now; counters start at zero with the engine. */
    ReplayStatus replayStatus();
}
