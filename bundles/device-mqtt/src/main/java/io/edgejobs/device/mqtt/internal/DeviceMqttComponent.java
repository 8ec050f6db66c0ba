package io.edgejobs.device.mqtt.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobNotificationListener;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.mqtt.MqttServerFactory;
import io.edgejobs.api.presence.ThingPresenceListener;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device MQTT listener as a DS component. It serves the gateway engine's {@link JobsDataPlane} (selected by
 * component name, so that an emulator or upstream connection in the same framework is never picked), reports
 * connecting devices to every {@link ThingPresenceListener}, and registers as {@link JobNotificationListener} to
 * receive the notifications it publishes to devices.
 *
 * <p>It registers the listener itself, once its listener runs, rather than through DS: the engine binds every
 * JobNotificationListener while this component needs the engine's JobsDataPlane, and a DS-registered listener would
 * make SCR activate each one from inside the other ("ServiceFactory.getService() resulted in a cycle", an ERROR with
 * a stack trace at every start, recovered only by SCR binding the listener again afterwards).
 */
@Component(name = DeviceMqttComponent.PID, configurationPid = DeviceMqttComponent.PID, service = {},
        immediate = true, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Config.class)
public final class DeviceMqttComponent implements JobNotificationListener {

    static final String PID = "io.edgejobs.device.mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceMqttComponent.class);

    @Reference
    private MqttServerFactory servers;

    @Reference(target = "(component.name=io.edgejobs.engine)")
    private JobsDataPlane engine;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final List<ThingPresenceListener> presenceListeners = new CopyOnWriteArrayList<>();

    private DeviceMqttOptions options;
    private volatile DeviceMqttFrontend frontend;
    private ServiceRegistration<JobNotificationListener> registration;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        options = DeviceMqttOptions.from(config);
        frontend = start(options);
        registration = context.registerService(JobNotificationListener.class, this, null);
    }

    @Modified
    void modified(Config config) throws IOException {
        DeviceMqttOptions next;
        try {
            next = DeviceMqttOptions.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("device MQTT configuration rejected, the previous one stays in force: {}", e.getMessage());
            return;
        }
        if (options.needsNewListener(next)) {
            LOG.info("device MQTT listener settings changed: restarting the listener (devices reconnect)");
            frontend.close();
            frontend = start(next);
        } else {
            frontend.apply(next);
        }
        options = next;
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered: the bundle is stopping
        }
        DeviceMqttFrontend current = frontend;
        if (current != null) {
            current.close();
        }
    }

    private DeviceMqttFrontend start(DeviceMqttOptions wanted) throws IOException {
        try {
            return DeviceMqttFrontend.start(servers, wanted, engine, this::thingSeen, Clock.systemUTC());
        } catch (IOException e) {
            LOG.error("The device MQTT listener on {} (port {}, TLS port {}) does not start: {}", wanted.host(),
                    wanted.plainListenerEnabled() ? wanted.port() : "off",
                    wanted.tls() == null ? "off" : wanted.tls().port(), e.getMessage());
            throw e;
        }
    }

    private void thingSeen(String thingName) {
        for (ThingPresenceListener listener : presenceListeners) {
            listener.thingSeen(thingName);
        }
    }

    @Override
    public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
        DeviceMqttFrontend current = frontend;
        if (current != null) {
            current.jobExecutionsChanged(thingName, event);
        }
    }

    @Override
    public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
        DeviceMqttFrontend current = frontend;
        if (current != null) {
            current.nextJobExecutionChanged(thingName, event);
        }
    }
}
