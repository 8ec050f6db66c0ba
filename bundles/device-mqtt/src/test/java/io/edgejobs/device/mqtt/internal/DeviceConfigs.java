package io.edgejobs.device.mqtt.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/** The component's {@link Config} as Config Admin would give it: the values set, every other attribute's default. */
final class DeviceConfigs {

    private DeviceConfigs() {
    }

    static Config config(Map<String, Object> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> value(method, values));
    }

    private static Object value(Method method, Map<String, Object> values) {
        if (method.getName().equals("annotationType")) {
            return Config.class;
        }
        Object value = values.get(method.getName());
        if (value != null) {
            return value;
        }
        if (method.getDefaultValue() == null) {
            throw new UnsupportedOperationException(method.getName());
        }
        return method.getDefaultValue();
    }
}
