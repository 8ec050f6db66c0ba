package io.edgejobs.store.sqlite.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A {@link Config} as SCR would build it: the annotation's own defaults, with some attributes overridden. */
final class TestConfigs {
    private TestConfigs() {
    }

    static Config config(Object... nameValuePairs) {
        Map<String, Object> overrides = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            overrides.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> Config.class;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "Config" + overrides;
                        default -> throw new UnsupportedOperationException(method.toString());
                    };
                });
    }
}
