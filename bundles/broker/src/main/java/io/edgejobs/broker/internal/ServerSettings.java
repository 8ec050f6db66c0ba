package io.edgejobs.broker.internal;

import io.edgejobs.api.mqtt.MqttServerOptions;

/**
 * The factory-wide settings every server started by it uses, from the component configuration.
 *
 * @param workerThreads Netty network threads per server
 * @param handlerThreads threads per server that run the owner's ordered callbacks
 * @param defaultMaxMessageBytes used when the options say 0
 * @param connectTimeoutSeconds how long a new TCP connection may take to send CONNECT
 * @param sessionQueueSize capacity of each Moquette session event loop's command queue
 * @param handlerBacklogPerClient queued onPublish callbacks of one connection at which its socket stops being read
 */
record ServerSettings(int workerThreads, int handlerThreads, int defaultMaxMessageBytes, int connectTimeoutSeconds,
                      int sessionQueueSize, int handlerBacklogPerClient) {

    static final ServerSettings DEFAULTS =
        new ServerSettings(2, 2, MqttServerOptions.DEFAULT_MAX_MESSAGE_BYTES, 10, 1024, 1000);

    ServerSettings {
        requireRange("nettyWorkerThreads", workerThreads, 1, 64);
        requireRange("handlerThreads", handlerThreads, 1, 64);
        requireRange("defaultMaxMessageBytes", defaultMaxMessageBytes, 1, MqttServerOptions.MAX_MESSAGE_BYTES_LIMIT);
        requireRange("connectTimeoutSeconds", connectTimeoutSeconds, 1, 3600);
        requireRange("sessionQueueSize", sessionQueueSize, 16, 1_000_000);
        requireRange("handlerBacklogPerClient", handlerBacklogPerClient, 10, 1_000_000);
    }

    static ServerSettings from(Config config) {
        return new ServerSettings(config.nettyWorkerThreads(), config.handlerThreads(), config.defaultMaxMessageBytes(),
            config.connectTimeoutSeconds(), config.sessionQueueSize(), config.handlerBacklogPerClient());
    }

    int maxMessageBytes(MqttServerOptions options) {
        return options.maxMessageBytes() == 0 ? defaultMaxMessageBytes : options.maxMessageBytes();
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
