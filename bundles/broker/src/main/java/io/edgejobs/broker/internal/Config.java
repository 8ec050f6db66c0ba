package io.edgejobs.broker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "io.edgejobs.broker", name = "Edgejobs MQTT broker",
    description = "Settings shared by every MQTT listener started through the MqttServerFactory service (the "
        + "gateway's device broker, the emulator's broker). Host, port and anonymous access are chosen by each "
        + "listener's owner. Changes apply to listeners started afterwards.")
@interface Config {

    @AttributeDefinition(name = "Network threads", min = "1", max = "64",
        description = "Netty worker threads per listener; they read and write the client sockets.")
    int nettyWorkerThreads() default 2;

    @AttributeDefinition(name = "Handler threads", min = "1", max = "64",
        description = "Threads per listener that run the owner's connect/publish/disconnect callbacks, in order per "
            + "client id; clients are spread over them by client id.")
    int handlerThreads() default 2;

    @AttributeDefinition(name = "Default max message size (bytes)", min = "1", max = "268435455",
        description = "Largest accepted MQTT packet remaining length (topic, packet id and payload) for listeners "
            + "that do not set their own; a client sending a larger packet is disconnected. 65536 fits a 32 KB job "
            + "document with its envelope.")
    int defaultMaxMessageBytes() default 65536;

    @AttributeDefinition(name = "CONNECT timeout (s)", min = "1", max = "3600",
        description = "A TCP connection that has not sent CONNECT within this time is closed.")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Session queue size", min = "16", max = "1000000",
        description = "Capacity of each broker session event loop's command queue; when full, deliveries to the "
            + "clients of that loop fail (QoS 1 publishes are then not acknowledged).")
    int sessionQueueSize() default 1024;

    @AttributeDefinition(name = "Handler backlog per client", min = "10", max = "1000000",
        description = "When this many publishes of one client wait for the owner's handler, the broker stops "
            + "reading that client's socket (TCP flow control slows the client down) and resumes when a tenth "
            + "of them remain.")
    int handlerBacklogPerClient() default 1000;
}
