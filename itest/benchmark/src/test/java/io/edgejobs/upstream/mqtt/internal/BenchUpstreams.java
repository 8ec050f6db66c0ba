package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamListener;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Map;

/**
 * The real upstream connection of bundles/upstream-mqtt (Paho v3) activated on a plain class path the way DS would,
 * with the shipped configuration (config/io.edgejobs.upstream.cfg: 80 publishes per second, burst 10, 10 s request
 * bound) pointed at the emulator on loopback. Lives in the component's package to reach its activation method.
 */
public final class BenchUpstreams {

    private BenchUpstreams() {
    }

    /**
     * Starts connecting to {@code tcp://127.0.0.1:port}.
     *
     * @param overrides attribute values that differ from the component's defaults (beyond endpoint and client id)
     */
    public static Started start(int port, UpstreamListener listener, Map<String, Object> overrides) {
        Map<String, Object> values = new java.util.HashMap<>(overrides);
        values.put("endpoint", "tcp://127.0.0.1:" + port);
        values.putIfAbsent("clientId", "edgejobs-gateway-benchmark");
        UpstreamComponent component = new UpstreamComponent();
        component.addListener(listener);
        component.activate(config(values), (service, properties) -> new ServiceRegistrar.Registration() {
            @Override
            public void update(Dictionary<String, Object> newProperties) {
                // no service registry here
            }

            @Override
            public void unregister() {
                // no service registry here
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

    private static Config config(Map<String, Object> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "BenchmarkUpstreamConfig" + values;
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> throw new UnsupportedOperationException(method.getName());
                        };
                    }
                    if (method.getName().equals("annotationType")) {
                        return Config.class;
                    }
                    Object value = values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                    if (value == null) {
                        throw new IllegalStateException("no value for " + method.getName());
                    }
                    return value;
                });
    }
}
