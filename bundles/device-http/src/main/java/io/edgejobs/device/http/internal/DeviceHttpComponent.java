package io.edgejobs.device.http.internal;

import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.tls.TlsSetupException;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device HTTPS data plane as a DS component: serves the gateway engine's {@link JobsDataPlane} (selected by
 * component name, so that an emulator or upstream connection in the same framework is never picked). A changed
 * configuration restarts the listener (DS reactivates the component; there is no {@code @Modified}).
 *
 * <p>It runs only with a configuration (the shipped {@code config/} has one): a listener is opened only when
 * asked for, and never on the built-in defaults for the moment before FileInstall applies {@code load/}.
 *
 * <p>A configuration it cannot serve safely (plain HTTP on a non-loopback host, half a TLS setup, unreadable TLS
 * files) or a port it cannot bind stops it with an ERROR that says why.
 */
@Component(name = DeviceHttpComponent.PID, configurationPid = DeviceHttpComponent.PID, service = {},
        immediate = true, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Config.class)
public final class DeviceHttpComponent {

    static final String PID = "io.edgejobs.device.http";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceHttpComponent.class);

    @Reference(target = "(component.name=io.edgejobs.engine)")
    private JobsDataPlane engine;

    private DeviceHttpServer server;

    @Activate
    void activate(Config config) throws IOException, TlsSetupException {
        DeviceHttpOptions options;
        try {
            options = DeviceHttpOptions.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("The device HTTPS data plane does not start: {}", e.getMessage());
            throw e;
        }
        warnIfTheJvmDropsAnswersEarlier(options);
        try {
            server = DeviceHttpServer.start(options, engine);
        } catch (TlsSetupException e) {
            LOG.error("The device HTTPS data plane does not start: {}", e.getMessage());
            throw e;
        } catch (IOException e) {
            LOG.error("The device HTTPS data plane does not start: cannot listen on {}:{}: {}", options.host(),
                    options.port(), e.getMessage());
            throw e;
        }
    }

    /**
     * The JDK HTTP server closes a connection whose answer has not been written {@code sun.net.httpserver.maxRspTime}
     * seconds after its request was read (a JVM-wide setting; the distribution sets it, see docs/decisions-http.md):
     * the device would then get no answer at all instead of the 503.
     */
    private static void warnIfTheJvmDropsAnswersEarlier(DeviceHttpOptions options) {
        String maxRspTime = System.getProperty("sun.net.httpserver.maxRspTime");
        try {
            if (maxRspTime != null && Long.parseLong(maxRspTime.trim()) > 0
                    && Long.parseLong(maxRspTime.trim()) <= options.requestTimeout().toSeconds()) {
                LOG.warn("requestTimeoutSeconds {} is not below the JVM's sun.net.httpserver.maxRspTime {}: a device "
                        + "may lose the connection instead of getting the timeout answer",
                        options.requestTimeout().toSeconds(), maxRspTime);
            }
        } catch (NumberFormatException e) {
            LOG.warn("sun.net.httpserver.maxRspTime '{}' is not a number of seconds", maxRspTime);
        }
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
        }
    }

    /** The bound port (tests). */
    int boundPort() {
        return server.boundPort();
    }
}
