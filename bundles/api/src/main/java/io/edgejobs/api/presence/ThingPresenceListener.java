package io.edgejobs.api.presence;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told by transports about the things whose devices use them: the MQTT listener when a device connects (its client
 * id is the thing name), an HTTPS facade when a request arrives. Registered (whiteboard) by the gateway engine,
 * which then subscribes to the thing's notifications upstream and fills its cache before the cloud is needed.
 *
 * <p>May be called many times for the same thing, from any thread; implementations must return quickly.
 */
@ConsumerType
public interface ThingPresenceListener {

    /** A device of the thing connected or made a request. */
    void thingSeen(String thingName);
}
