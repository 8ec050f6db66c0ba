package io.edgejobs.itest;

import static io.edgejobs.itest.DistributionOptions.distribution;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.time.Duration;
import java.util.Dictionary;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;

/**
 * A non-loopback host given as framework property (conf/config.properties) with default console credentials:
 * the guard covers it with an HTTP configuration so that Jetty ends up on 127.0.0.1.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleGuardFrameworkPropertyTest {

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    @Filter("(component.name=io.edgejobs.console.guard)")
    private ConfigurationPlugin guard;

    @Configuration
    public Option[] configuration() {
        return new Option[] {distribution(frameworkProperty("org.apache.felix.http.host").value("0.0.0.0"))};
    }

    @Test
    public void aPublicFrameworkPropertyHostIsCoveredByALoopbackConfiguration() throws Exception {
        int port = Integer.parseInt(context.getProperty("org.osgi.service.http.port"));

        // then the guard created the HTTP configuration ...
        Poll.until(Duration.ofSeconds(20), () -> httpConfiguration() != null, () -> "no org.apache.felix.http configuration");
        Dictionary<String, Object> properties = httpConfiguration();
        assertNotNull("created by the guard: " + properties, properties.get("io.edgejobs.console.guard.created"));
        assertNull("the host stays the operator's (framework property)", properties.get("org.apache.felix.http.host"));

        // ... and Jetty listens on loopback only
        Poll.until(Duration.ofSeconds(20), () -> HttpProbe.onlyLoopbackEndpoints(context, port)
                && HttpProbe.acceptsOnLoopback(port), () -> "endpoints " + HttpProbe.endpoints(context));
        HttpProbe.nonLoopbackAddress().ifPresent(address -> Poll.until(Duration.ofSeconds(20),
                () -> !HttpProbe.accepts(address, port), () -> "still reachable on " + address));
        assertEquals("0.0.0.0", context.getProperty("org.apache.felix.http.host"));
    }

    private Dictionary<String, Object> httpConfiguration() {
        try {
            org.osgi.service.cm.Configuration[] configurations =
                    configurationAdmin.listConfigurations("(service.pid=org.apache.felix.http)");
            return configurations == null ? null : configurations[0].getProperties();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
