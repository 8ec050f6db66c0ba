package io.edgejobs.device.http.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link Config} as DS would build it: the given values, the annotation defaults for the rest. */
final class TestConfigs {
    private TestConfigs() {
    }

    static Config config(Map<String, Object> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "TestConfig" + values;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "annotationType" -> Config.class;
                    default -> values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
    }
}
