package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamListener;
import java.util.Dictionary;
import java.util.Map;

/**
 * The real upstream connection of bundles/upstream-mqtt (Paho v3), activated on a plain class path the way DS
 * would, with a configuration for a plain-TCP cloud on loopback (the emulator). Lives in the component's package
 * to reach its activation method and configuration type, which are not API; shipped in this bundle's test jar for
 * the device-mqtt and device-http end-to-end tests.
 */
public final class TestUpstreams {

    private TestUpstreams() {
    }

    /**
     * Starts connecting to {@code tcp://127.0.0.1:port}; the listener is told about state changes and notifications.
     *
     * @param requestTimeoutMillis the connection's own bound on a forwarded request
     */
    public static Started start(int port, String clientId, int requestTimeoutMillis, UpstreamListener listener) {
        Map<String, Object> values = TestConfigs.plain(port, clientId);
        values.put("requestTimeoutMillis", requestTimeoutMillis);
        return start(listener, values);
    }

    /**
     * Starts the component with exactly these attribute values, every other attribute at the component's default
     * (as shipped): for example only {@code endpoint} and {@code clientId} to measure the shipped pacing.
     */
    public static Started start(UpstreamListener listener, Map<String, Object> values) {
        UpstreamComponent component = new UpstreamComponent();
        component.addListener(listener);
        component.activate(TestConfigs.config(values), (service, properties) -> new ServiceRegistrar.Registration() {
            @Override
            public void update(Dictionary<String, Object> newProperties) {
            }

            @Override
            public void unregister() {
            }
        });
        return new Started(component);
    }

    /** A running connection; closing it deactivates the component. */
    public record Started(UpstreamComponent component) implements AutoCloseable {
        public UpstreamConnection connection() {
            return component;
        }

        @Override
        public void close() {
            component.deactivate();
        }
    }
}
