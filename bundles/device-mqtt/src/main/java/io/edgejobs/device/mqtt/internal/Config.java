package io.edgejobs.device.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = DeviceMqttComponent.PID, name = "Edgejobs device MQTT listener",
        description = "The local MQTT 3.1.1 listener devices use for the AWS IoT Jobs API "
                + "($aws/things/{thing}/jobs/...). The client id of a device is its thing name; a device may publish "
                + "and subscribe only under its own thing's Jobs topics.")
@interface Config {

    @AttributeDefinition(name = "Host",
            description = "Address to listen on. 127.0.0.1 (default) accepts devices on this machine only; set the "
                    + "address of the device network interface (or 0.0.0.0) to accept devices on the network. "
                    + "The listener has no TLS and no credential check yet: expose it only to a trusted segment.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "TCP port of the listener (1883 is the MQTT default; 0 lets the system choose).")
    int port() default 1883;

    @AttributeDefinition(name = "Maximum message size (bytes)", min = "1024",
            description = "Largest MQTT packet accepted from a device (topic plus payload). The default fits a "
                    + "32 KB job document with its JSON envelope. A larger packet closes the device's connection "
                    + "(logged at WARN with the client id); it is not answered, because the broker discards it "
                    + "unread.")
    int maxMessageBytes() default 65536;

    @AttributeDefinition(name = "Allow anonymous devices",
            description = "Whether a device may connect without a user name. The AWS IoT Device SDKs send none, or "
                    + "only a metrics suffix such as '?SDK=Java&Version=1.30.1', which counts as none. When false, a "
                    + "user name is required (any: it is logged, never checked against a credential store).")
    boolean allowAnonymous() default true;

    @AttributeDefinition(name = "statusDetails value limit",
            description = "Longest statusDetails value accepted, in characters: 1024 as in the current AWS IoT Jobs "
                    + "API reference (default), or 128 as in the 2020 limits table. A longer value is answered "
                    + "InvalidRequest.",
            options = {@Option(label = "1024 (current AWS API reference)", value = "1024"),
                @Option(label = "128 (AWS limits table of 2020)", value = "128")})
    int statusDetailValueMaxLength() default 1024;
}
