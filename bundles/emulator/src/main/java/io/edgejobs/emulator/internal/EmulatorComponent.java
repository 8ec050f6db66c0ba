package io.edgejobs.emulator.internal;

import io.edgejobs.api.mqtt.MqttServerFactory;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator inside the OSGi runtime: starts it when {@code enabled}, on an MQTT listener from the broker bundle's
 * {@link MqttServerFactory}. A change of listeners, data file, account or rules restarts it (state survives only
 * with a data file); throttling, clock scale and the active-jobs limit apply live.
 */
@Component(name = "io.edgejobs.emulator", configurationPid = "io.edgejobs.emulator", service = {},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Config.class)
public class EmulatorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorComponent.class);

    private final MqttServerFactory mqttServers;
    private Emulator emulator;

    @Activate
    public EmulatorComponent(@Reference(name = "mqttServers") MqttServerFactory mqttServers, Config config) {
        this.mqttServers = mqttServers;
        apply(config);
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private synchronized void apply(Config config) {
        if (!config.enabled()) {
            if (emulator != null) {
                LOG.info("emulator disabled by configuration");
            }
            stop();
            return;
        }
        EmulatorSettings next = settings(config);
        if (emulator != null && !emulator.settings().needsRestartFor(next)) {
            emulator.applyLive(next);
            LOG.info("emulator settings applied live: {}", next.throttle());
            return;
        }
        stop();
        try {
            emulator = Emulator.start(next, mqttServers);
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator cannot bind its listeners (MQTT " + next.mqttHost() + ":"
                    + next.mqttPort() + ", HTTP " + next.httpHost() + ":" + next.httpPort() + "): " + e.getMessage(), e);
        }
    }

    private void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    static EmulatorSettings settings(Config config) {
        String dataFile = config.dataFile() == null ? "" : config.dataFile().trim();
        return EmulatorSettings.defaults()
                .withMqtt(config.mqttHost(), config.mqttPort())
                .withHttp(config.httpHost(), config.httpPort())
                .withDataFile(dataFile.isEmpty() ? null : Path.of(dataFile))
                .withAccount(config.region(), config.accountId())
                .withThrottle(new ThrottleLimits(config.publishesPerSecondPerConnection(),
                        config.accountReadsPerSecond(), config.accountWritesPerSecond()))
                .withClockScale(config.clockScale())
                .withDataPlane(EmulatorSettings.dataPlane(config.statusDetailValueMaxLength(),
                        config.statusDetailsMode(), config.terminalDescribeIsError()))
                .withMaxActiveJobs(config.maxActiveJobs());
    }

    /** The running emulator, or null when disabled (for tests). */
    synchronized Emulator emulator() {
        return emulator;
    }
}
