package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.upstream.UpstreamConnection;
import java.util.Dictionary;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers the UpstreamConnection service so that its properties can change with the connection state (a DS
 * component cannot update its own service properties); tests use a recording implementation.
 */
@FunctionalInterface
interface ServiceRegistrar {

    Registration register(UpstreamConnection service, Dictionary<String, Object> properties);

    /** A registered service. */
    interface Registration {
        void update(Dictionary<String, Object> properties);

        void unregister();
    }

    /** Through the component's bundle context. */
    static ServiceRegistrar of(BundleContext context) {
        return (service, properties) -> {
            ServiceRegistration<UpstreamConnection> registration =
                    context.registerService(UpstreamConnection.class, service, properties);
            return new Registration() {
                @Override
                public void update(Dictionary<String, Object> newProperties) {
                    try {
                        registration.setProperties(newProperties);
                    } catch (IllegalStateException e) {
                        // unregistered meanwhile (deactivation): nothing left to update
                    }
                }

                @Override
                public void unregister() {
                    try {
                        registration.unregister();
                    } catch (IllegalStateException e) {
                        // already unregistered (the bundle is stopping)
                    }
                }
            };
        };
    }
}
