package io.edgejobs.console.guard.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The credentials the Web Console accepts, resolved the way the console resolves them: the OsgiManager
 * configuration first, then the framework properties, then the built-in admin/admin.
 *
 * @param username the effective user name
 * @param password the effective stored password value (plain or hashed)
 */
record ConsoleCredentials(String username, String password) {

    static final String WEB_CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    static final String DEFAULT_USERNAME = "admin";
    static final String DEFAULT_PASSWORD = "admin";
    /** The console's built-in value: {sha-256} of "admin". */
    static final String DEFAULT_PASSWORD_HASH = "{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=";

    /**
     * @param configuration the OsgiManager configuration's properties (empty when it does not exist)
     * @param frameworkProperties reads a framework property, null when unset
     */
    static ConsoleCredentials effective(Map<String, ?> configuration, UnaryOperator<String> frameworkProperties) {
        String username = first(configuration.get("username"), frameworkProperties.apply("felix.webconsole.username"),
                DEFAULT_USERNAME);
        String password = first(configuration.get("password"), frameworkProperties.apply("felix.webconsole.password"),
                DEFAULT_PASSWORD_HASH);
        return new ConsoleCredentials(username, password);
    }

    private static String first(Object configured, String framework, String builtIn) {
        if (configured instanceof char[] chars) {
            return new String(chars);
        }
        if (configured != null) {
            return configured.toString();
        }
        return framework != null ? framework : builtIn;
    }

    /** Why these credentials must not face a network, or empty when they are not the well-known ones. */
    Optional<String> weakness() {
        if (password.isBlank()) {
            return Optional.of("an empty password");
        }
        if (WebConsolePasswords.matches(password, DEFAULT_PASSWORD)) {
            return Optional.of("the default password '" + DEFAULT_PASSWORD + "' (user '" + username + "')");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ConsoleCredentials[username=" + username + ", password=***]";
    }
}
