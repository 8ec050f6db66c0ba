package io.edgejobs.console.guard.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Never lets Felix HTTP listen beyond loopback while the Web Console accepts its default credentials.
 *
 * <p>As a {@link ConfigurationPlugin} targeted at {@code org.apache.felix.http} (the Jetty ManagedService and
 * ManagedServiceFactory PID), it rewrites the host of every HTTP configuration to 127.0.0.1 on its way to Jetty
 * when that host is not loopback and the console's password is still "admin" (or empty). The stored configuration
 * keeps the operator's host, so once a password is set the guard re-delivers it and Jetty binds where configured.
 * As a {@link ConfigurationListener} it re-checks when the Web Console or HTTP configuration changes. When no HTTP
 * configuration exists and the framework property would expose Jetty, it creates an empty one so that the host
 * Jetty receives passes through the plugin.
 */
@Component(
        name = ConsoleGuard.PID,
        configurationPid = ConsoleGuard.PID,
        immediate = true,
        service = {ConfigurationPlugin.class, ConfigurationListener.class},
        property = {
            ConfigurationPlugin.CM_TARGET + "=" + HttpSettings.HTTP_PID,
            // the highest rank that may still modify: no other plugin runs after the guard
            ConfigurationPlugin.CM_RANKING + ":Integer=1000"
        })
@Designate(ocd = Config.class)
public final class ConsoleGuard implements ConfigurationPlugin, ConfigurationListener {

    static final String PID = "io.edgejobs.console.guard";
    static final String CREATED_MARKER = "io.edgejobs.console.guard.created";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleGuard.class);
    private static final String HTTP_FILTER = "(|(" + Constants.SERVICE_PID + "=" + HttpSettings.HTTP_PID + ")("
            + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + HttpSettings.HTTP_PID + "))";
    private static final String CONSOLE_FILTER =
            "(" + Constants.SERVICE_PID + "=" + ConsoleCredentials.WEB_CONSOLE_PID + ")";

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private BundleContext context;
    private volatile GuardOptions options;
    /** Per HTTP configuration PID: whether the host last delivered to Jetty was forced to loopback. */
    private final Map<String, Boolean> forcedByPid = new ConcurrentHashMap<>();

    @Activate
    void activate(BundleContext bundleContext, Config config) {
        this.context = bundleContext;
        this.options = GuardOptions.from(config);
        LOG.info("Web Console guard active (enforce={})", options.enforce());
        recheck();
    }

    @Modified
    void modified(Config config) {
        this.options = GuardOptions.from(config);
        LOG.info("Web Console guard reconfigured (enforce={})", options.enforce());
        recheck();
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> target, Dictionary<String, Object> properties) {
        GuardDecision decision = decide(properties.get(HttpSettings.HOST));
        if (decision.refused()) {
            LOG.error(decision.message());
            properties.put(HttpSettings.HOST, HttpSettings.LOOPBACK);
        }
        Object pid = properties.get(Constants.SERVICE_PID);
        if (pid != null) {
            forcedByPid.put(pid.toString(), decision.refused());
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        boolean console = ConsoleCredentials.WEB_CONSOLE_PID.equals(event.getPid());
        boolean http = HttpSettings.HTTP_PID.equals(event.getPid())
                || HttpSettings.HTTP_PID.equals(event.getFactoryPid());
        if (http && event.getType() == ConfigurationEvent.CM_DELETED) {
            forcedByPid.remove(event.getPid());
        }
        if (console || (http && event.getType() == ConfigurationEvent.CM_DELETED)) {
            recheck();
        }
    }

    /**
     * Makes what Jetty got match the current decision: re-delivers every HTTP configuration whose forced/not
     * forced state is out of date, and covers a framework-property host with a configuration when needed.
     */
    private synchronized void recheck() {
        try {
            Configuration[] httpConfigurations = configurationAdmin.listConfigurations(HTTP_FILTER);
            boolean singletonExists = false;
            if (httpConfigurations != null) {
                for (Configuration configuration : httpConfigurations) {
                    singletonExists |= configuration.getFactoryPid() == null;
                    redeliverIfStale(configuration);
                }
            }
            if (!singletonExists && decide(null).refused()) {
                createHttpConfiguration();
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            LOG.error("Web Console guard could not check the HTTP configuration; HTTP exposure is unverified", e);
        }
    }

    private void redeliverIfStale(Configuration configuration) throws IOException {
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            return;
        }
        boolean refuseNow = decide(properties.get(HttpSettings.HOST)).refused();
        Boolean forced = forcedByPid.get(configuration.getPid());
        // Never delivered through the guard since it started: only an unsafe host needs a new delivery.
        boolean stale = forced == null ? refuseNow : forced != refuseNow;
        if (stale) {
            LOG.info("Re-delivering HTTP configuration {} ({} host)", configuration.getPid(),
                    refuseNow ? "loopback" : "configured");
            configuration.update();
        }
    }

    private void createHttpConfiguration() throws IOException {
        LOG.error("{} Creating configuration {} so Jetty gets 127.0.0.1.", decide(null).message(),
                HttpSettings.HTTP_PID);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CREATED_MARKER, "Created by " + PID + " because the framework property "
                + HttpSettings.HOST + " is not loopback while the Web Console has default credentials.");
        configurationAdmin.getConfiguration(HttpSettings.HTTP_PID, "?").update(properties);
    }

    private GuardDecision decide(Object configuredHost) {
        String host = HttpSettings.effectiveHost(configuredHost, context::getProperty);
        return GuardDecision.decide(options, host, currentCredentials());
    }

    private ConsoleCredentials currentCredentials() {
        Map<String, Object> properties = Map.of();
        try {
            Configuration[] consoles = configurationAdmin.listConfigurations(CONSOLE_FILTER);
            if (consoles != null && consoles[0].getProperties() != null) {
                properties = toMap(consoles[0].getProperties());
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Cannot read the Web Console configuration; assuming its default credentials", e);
        }
        return ConsoleCredentials.effective(properties, context::getProperty);
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> dictionary) {
        Map<String, Object> map = new HashMap<>();
        for (var keys = dictionary.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            map.put(key, dictionary.get(key));
        }
        return map;
    }
}
