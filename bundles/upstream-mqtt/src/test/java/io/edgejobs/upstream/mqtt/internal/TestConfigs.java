package io.edgejobs.upstream.mqtt.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link Config} instances the way DS does: the annotation's defaults, overridden by a map. */
final class TestConfigs {
    private TestConfigs() {
    }

    static Config config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "TestConfig" + values;
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

    /** A plain-TCP configuration for a broker on loopback, fast reconnects, generous pacing. */
    static Map<String, Object> plain(int port, String clientId) {
        Map<String, Object> values = new HashMap<>();
        values.put("endpoint", "tcp://127.0.0.1:" + port);
        values.put("clientId", clientId);
        values.put("reconnectInitialDelayMillis", 50);
        values.put("reconnectMaxDelayMillis", 500);
        values.put("connectTimeoutSeconds", 5);
        values.put("keepAliveSeconds", 30);
        return values;
    }

    static UpstreamOptions options(Map<String, Object> overrides) {
        return UpstreamOptions.from(config(overrides));
    }

    /** The options with the publish pacing raised beyond what configuration allows, for tests of other things. */
    static UpstreamOptions unpaced(UpstreamOptions o) {
        return new UpstreamOptions(o.enabled(), o.clientId(), o.endpoint(), o.tls(), o.keepAlive(),
                o.connectTimeout(), o.requestTimeout(), o.wildcardSubscriptions(), o.maxSubscriptions(), 100_000,
                100_000, o.reconnectInitialDelay(), o.reconnectMaxDelay(), o.stableConnection());
    }

    private static Object defaultOf(Method method) {
        Object value = method.getDefaultValue();
        if (value == null) {
            throw new IllegalStateException("no default for " + method.getName());
        }
        return value;
    }
}
