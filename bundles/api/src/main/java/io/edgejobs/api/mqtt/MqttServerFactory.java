package io.edgejobs.api.mqtt;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts MQTT 3.1.1 listeners. Registered as an OSGi service by the broker bundle; each call creates an independent
 * server (own port, own sessions and subscriptions), so the gateway and the emulator can run side by side.
 */
@ProviderType
public interface MqttServerFactory {

    /**
     * Binds a new listener and returns once it accepts connections.
     *
     * @param options where to listen and what to accept
     * @param handler the caller's authentication, authorization and message callbacks
     * @return the running server; the caller owns it and must {@link MqttServer#close() close} it
     * @throws IOException when the address cannot be bound (for example the port is in use)
     */
    MqttServer start(MqttServerOptions options, MqttServerHandler handler) throws IOException;
}
