package io.edgejobs.api.upstream;

import io.edgejobs.api.dataplane.JobNotificationListener;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered (whiteboard) by the gateway engine to learn what the upstream connection sees: its state changes and
 * the cloud's notify / notify-next messages. Called on the connection's own threads; must return quickly.
 */
@ConsumerType
public interface UpstreamListener extends JobNotificationListener {
    void connectionStateChanged(ConnectionState state);
}
