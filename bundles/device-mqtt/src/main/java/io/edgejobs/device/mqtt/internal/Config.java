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
                    + "Both the plain and the TLS listener bind this address. Devices on the plain listener are "
                    + "identified by their client id alone: expose it only to a trusted segment, or turn it off and "
                    + "use mutual TLS.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "TCP port of the plain (unencrypted) listener (1883 is the MQTT default; 0 lets the system "
                    + "choose).")
    int port() default 1883;

    @AttributeDefinition(name = "Plain listener enabled",
            description = "Whether the plain TCP listener on Port runs. true (default) suits a demo on one machine; "
                    + "a production gateway sets false and lets devices in over mutual TLS only. false requires the "
                    + "TLS listener.")
    boolean plainListenerEnabled() default true;

    @AttributeDefinition(name = "TLS port", min = "0", max = "65535",
            description = "TCP port of the TLS listener (8883, as AWS IoT Core's MQTT over TLS). It runs when the "
                    + "server certificate and key files are set. TLS 1.2 and 1.3, no ALPN.")
    int tlsPort() default 8883;

    @AttributeDefinition(name = "TLS server certificate file", required = false,
            description = "Path of the gateway's server certificate chain (PEM: its certificate first, then any "
                    + "intermediate CA certificates); the name devices connect to must be in it (SAN). Empty "
                    + "(default): no TLS listener.")
    String tlsCertificateFile() default "";

    @AttributeDefinition(name = "TLS private key file", required = false,
            description = "Path of the server certificate's private key: PEM, unencrypted (PKCS#8 'PRIVATE KEY', "
                    + "PKCS#1 'RSA PRIVATE KEY' or 'EC PRIVATE KEY'), readable only by the gateway's user "
                    + "(chmod 600; a WARN is logged otherwise). Encrypted keys are refused.")
    String tlsPrivateKeyFile() default "";

    @AttributeDefinition(name = "TLS device CA file", required = false,
            description = "Path of the CA certificates (PEM, one or more) that issue device certificates. When set, "
                    + "the TLS listener requires a client certificate issued by one of them (mutual TLS, as AWS IoT "
                    + "Core), and binds the thing to it: the certificate's subject CN must equal the MQTT client id, "
                    + "the thing name, or the CONNECT is refused (not authorized). Empty (default): devices "
                    + "connect over TLS without certificates.")
    String tlsDeviceCaFile() default "";

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
