package io.edgejobs.emulator.standalone;

import io.edgejobs.api.mqtt.MqttServerFactory;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds an {@link MqttServerFactory} without OSGi: a {@link ServiceLoader} provider if one is on the class path,
 * otherwise the broker bundle's DS component class instantiated directly (its defaults need no configuration). All
 * bundle jars are plain jars on a class path, so this needs no OSGi framework.
 */
final class MqttServerFactories {

    /** The broker bundle's implementation (io.edgejobs.broker); not exported in OSGi, but a plain class here. */
    static final String BROKER_FACTORY_CLASS = "io.edgejobs.broker.internal.MqttServerFactoryComponent";

    /** Overrides the class to instantiate. */
    static final String FACTORY_PROPERTY = "edgejobs.emulator.mqttServerFactory";

    private MqttServerFactories() {
    }

    static MqttServerFactory find() {
        Iterator<MqttServerFactory> loaded = ServiceLoader.load(MqttServerFactory.class).iterator();
        if (loaded.hasNext() && System.getProperty(FACTORY_PROPERTY) == null) {
            return loaded.next();
        }
        String className = System.getProperty(FACTORY_PROPERTY, BROKER_FACTORY_CLASS);
        try {
            Object factory = Class.forName(className).getDeclaredConstructor().newInstance();
            return (MqttServerFactory) factory;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no MQTT server implementation on the class path: " + className
                    + " (the io.edgejobs.broker jar) is missing", e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot create the MQTT server factory " + className + ": " + e, e);
        }
    }
}
