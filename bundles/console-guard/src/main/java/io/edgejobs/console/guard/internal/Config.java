package io.edgejobs.console.guard.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = ConsoleGuard.PID,
        name = "Edgejobs Web Console guard",
        description = "Keeps Felix HTTP (and so the Web Console) on 127.0.0.1 while the Web Console still accepts "
                + "the default password 'admin' or an empty one. Set a password in 'Apache Felix OSGi Management "
                + "Console' (PID org.apache.felix.webconsole.internal.servlet.OsgiManager) to let a non-loopback "
                + "host in 'Apache Felix Jetty Based Http Service' (PID org.apache.felix.http) take effect.")
@interface Config {

    @AttributeDefinition(
            name = "Enforce",
            description = "Refuse a non-loopback HTTP host while the Web Console has default credentials. Turn off "
                    + "only when the console is protected by another WebConsoleSecurityProvider (for example JAAS) "
                    + "or is not installed.")
    boolean enforce() default true;
}
