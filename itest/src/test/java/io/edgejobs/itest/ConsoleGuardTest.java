package io.edgejobs.itest;

import static io.edgejobs.itest.DistributionOptions.distribution;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
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
 * The console guard in the real runtime: an HTTP host beyond loopback is refused while the Web Console accepts
 * admin/admin, and takes effect once a password is set.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleGuardTest {

    private static final String HTTP_PID = "org.apache.felix.http";
    private static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    /** Waits for the guard to be registered before any test runs. */
    @Inject
    @Filter("(component.name=io.edgejobs.console.guard)")
    private ConfigurationPlugin guard;

    @Configuration
    public Option[] configuration() {
        return new Option[] {distribution()};
    }

    /**
     * Puts back what the distribution ships: HTTP on 127.0.0.1 at the framework's port and the console password
     * "admin". Called from finally blocks: Pax Exam's native invoker runs no @Before/@After methods.
     */
    private void backToTheShippedState() throws Exception {
        configureHttp("127.0.0.1", frameworkPort());
        configureConsolePassword("admin");
        awaitConsoleAccepts(frameworkPort(), "admin");
    }

    @Test
    public void aPublicHostWithDefaultCredentialsIsForcedBackToLoopback() throws Exception {
        try {
            // given the Web Console accepting its default credentials
            awaitConsoleAccepts(frameworkPort(), "admin");
            int port = DistributionOptions.freePort();

            // when HTTP is configured to listen on every interface
            configureHttp("0.0.0.0", port);

            // then Jetty applies the new port but stays on 127.0.0.1 (the runtime's endpoint property follows the
            // socket a moment later, so both are awaited)
            awaitListeningOnLoopback(port);
            Poll.until(TIMEOUT, () -> HttpProbe.onlyLoopbackEndpoints(context, port), this::endpoints);
            Optional<InetAddress> lan = HttpProbe.nonLoopbackAddress();
            lan.ifPresent(address -> assertFalse("reachable on " + address, HttpProbe.accepts(address, port)));
            // and the stored configuration keeps the operator's host, to be applied once a password is set
            assertEquals("0.0.0.0", configurationAdmin.getConfiguration(HTTP_PID, "?").getProperties()
                    .get("org.apache.felix.http.host"));
        } finally {
            backToTheShippedState();
        }
    }

    @Test
    public void thePublicHostTakesEffectOnceAPasswordIsSetAndIsWithdrawnWhenAdminComesBack() throws Exception {
        try {
            int port = DistributionOptions.freePort();
            configureHttp("0.0.0.0", port);
            awaitListeningOnLoopback(port);
            Poll.until(TIMEOUT, () -> HttpProbe.onlyLoopbackEndpoints(context, port), this::endpoints);

            // when the Web Console gets a password of its own
            configureConsolePassword("a long password only this test knows");

            // then the console takes it, and Jetty re-binds on every interface
            awaitConsoleAccepts(port, "a long password only this test knows");
            Poll.until(TIMEOUT, () -> HttpProbe.hasNonLoopbackEndpoint(context, port)
                    && HttpProbe.acceptsOnLoopback(port), this::endpoints);
            HttpProbe.nonLoopbackAddress().ifPresent(address ->
                    Poll.until(TIMEOUT, () -> HttpProbe.accepts(address, port), () -> "not reachable on " + address));

            // when the password goes back to "admin" (plain text; the console hashes it)
            configureConsolePassword("admin");

            // then Jetty is forced back to loopback
            Poll.until(TIMEOUT, () -> HttpProbe.onlyLoopbackEndpoints(context, port)
                    && HttpProbe.acceptsOnLoopback(port), this::endpoints);
            HttpProbe.nonLoopbackAddress().ifPresent(address ->
                    Poll.until(TIMEOUT, () -> !HttpProbe.accepts(address, port), () -> "still reachable on " + address));
        } finally {
            backToTheShippedState();
        }
    }

    private int frameworkPort() {
        return Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
    }

    private void awaitConsoleAccepts(int port, String password) {
        Poll.until(TIMEOUT, () -> HttpProbe.consoleAccepts(port, "admin", password),
                () -> "Web Console on 127.0.0.1:" + port + " does not accept that admin password");
    }

    private void awaitListeningOnLoopback(int port) {
        Poll.until(TIMEOUT, () -> HttpProbe.acceptsOnLoopback(port), () -> "Jetty not on 127.0.0.1:" + port
                + ", endpoints " + HttpProbe.endpoints(context));
    }

    private String endpoints() {
        return "HTTP endpoints " + HttpProbe.endpoints(context);
    }

    private void configureHttp(String host, int port) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("org.apache.felix.http.host", host);
        properties.put("org.osgi.service.http.port", String.valueOf(port));
        configurationAdmin.getConfiguration(HTTP_PID, "?").update(properties);
    }

    private void configureConsolePassword(String password) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("password", password);
        configurationAdmin.getConfiguration(CONSOLE_PID, "?").update(properties);
    }
}
