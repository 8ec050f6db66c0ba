package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.upstream.UpstreamConnection;
import io.edgejobs.api.upstream.UpstreamListener;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
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
        Map<String, Object> values = new HashMap<>();
        values.put("endpoint", "tcp://127.0.0.1:" + port);
        values.put("clientId", clientId);
        values.put("requestTimeoutMillis", requestTimeoutMillis);
        values.put("reconnectInitialDelayMillis", 50);
        values.put("reconnectMaxDelayMillis", 500);
        values.put("connectTimeoutSeconds", 5);
        values.put("keepAliveSeconds", 30);
        UpstreamComponent component = new UpstreamComponent();
        component.addListener(listener);
        component.activate(config(values), (service, properties) -> new ServiceRegistrar.Registration() {
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

    private static Config config(Map<String, Object> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "TestUpstreamConfig" + values;
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> throw new UnsupportedOperationException(method.getName());
                        };
                    }
                    if (method.getName().equals("annotationType")) {
                        return Config.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName()) : defaultOf(method);
                });
    }

    private static Object defaultOf(Method method) {
        Object value = method.getDefaultValue();
        if (value == null) {
            throw new IllegalStateException("no default for " + method.getName());
        }
        return value;
    }
}
