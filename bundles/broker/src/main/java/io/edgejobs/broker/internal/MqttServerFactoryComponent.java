package io.edgejobs.broker.internal;

import io.edgejobs.api.mqtt.MqttServer;
import io.edgejobs.api.mqtt.MqttServerFactory;
import io.edgejobs.api.mqtt.MqttServerHandler;
import io.edgejobs.api.mqtt.MqttServerOptions;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MqttServerFactory} service. Configuration changes apply to servers started afterwards; running servers
 * keep their settings (restarting a listener under its owner would drop every device connection). Servers still
 * open when the component goes away are closed.
 */
@Component(name = "io.edgejobs.broker", configurationPid = "io.edgejobs.broker", service = MqttServerFactory.class)
@Designate(ocd = Config.class)
public class MqttServerFactoryComponent implements MqttServerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(MqttServerFactoryComponent.class);

    private final Set<MoquetteMqttServer> running = ConcurrentHashMap.newKeySet();
    private volatile ServerSettings settings = ServerSettings.DEFAULTS;

    @Activate
    @Modified
    void configure(Config config) {
        settings = ServerSettings.from(config);
        LOG.info("MQTT server factory settings: {}", settings);
    }

    @Deactivate
    void deactivate() {
        for (MoquetteMqttServer server : List.copyOf(running)) {
            LOG.warn("closing MQTT listener {} that its owner left open", server);
            server.close();
        }
    }

    @Override
    public MqttServer start(MqttServerOptions options, MqttServerHandler handler) throws IOException {
        MoquetteMqttServer server = MoquetteMqttServer.start(options, settings, handler, running::remove);
        running.add(server);
        return server;
    }
}
