package io.edgejobs.broker.internal;

import io.edgejobs.api.mqtt.MqttServerOptions;
import java.io.IOException;

/** Starts servers the way the DS component does, on loopback and an ephemeral port. */
final class TestServers {

    private TestServers() {
    }

    static MqttServerOptions options(String name) {
        return MqttServerOptions.defaults(name, 0);
    }

    static MoquetteMqttServer start(MqttServerOptions options, RecordingHandler handler) throws IOException {
        return MoquetteMqttServer.start(options, ServerSettings.DEFAULTS, handler, closed -> { });
    }

    static MoquetteMqttServer start(String name, RecordingHandler handler) throws IOException {
        return start(options(name), handler);
    }
}
