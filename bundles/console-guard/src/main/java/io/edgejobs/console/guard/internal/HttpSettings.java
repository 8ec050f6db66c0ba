package io.edgejobs.console.guard.internal;

import java.util.function.UnaryOperator;

/** Where Felix HTTP (Jetty) binds: its configuration's host, else the framework property, else every interface. */
final class HttpSettings {

    /** The ManagedService PID and the ManagedServiceFactory PID of Felix HTTP Jetty. */
    static final String HTTP_PID = "org.apache.felix.http";
    static final String HOST = "org.apache.felix.http.host";
    static final String LOOPBACK = "127.0.0.1";

    private HttpSettings() {
    }

    /** The host Jetty will use for these configuration properties: null means every interface. */
    static String effectiveHost(Object configuredHost, UnaryOperator<String> frameworkProperties) {
        if (configuredHost != null) {
            return configuredHost.toString();
        }
        return frameworkProperties.apply(HOST);
    }
}
