package io.edgejobs.console.guard.internal;

import io.edgejobs.tls.LoopbackHosts;
import java.util.Optional;

/**
 * Whether an HTTP host may be used with the Web Console's current credentials, and if not, the message that tells
 * the operator what to change.
 *
 * @param refused true when the host must be replaced by 127.0.0.1
 * @param message the explanation (empty when allowed)
 */
record GuardDecision(boolean refused, String message) {

    private static final GuardDecision ALLOWED = new GuardDecision(false, "");

    static GuardDecision decide(GuardOptions options, String host, ConsoleCredentials credentials) {
        if (!options.enforce() || LoopbackHosts.isLoopback(host)) {
            return ALLOWED;
        }
        Optional<String> weakness = credentials.weakness();
        if (weakness.isEmpty()) {
            return ALLOWED;
        }
        String where = host == null || host.isBlank() ? "every network interface (no host set)" : "host '" + host + "'";
        return new GuardDecision(true, "Refusing to serve HTTP on " + where + " while the Web Console accepts "
                + weakness.get() + "; HTTP stays on " + HttpSettings.LOOPBACK + ". To expose it, set a password: "
                + "property 'password' of PID " + ConsoleCredentials.WEB_CONSOLE_PID + " (file load/"
                + ConsoleCredentials.WEB_CONSOLE_PID + ".cfg, or the Web Console's configuration page); plain "
                + "text is hashed by the console, or give a {sha-256} hash. The configured host then takes effect "
                + "without a restart.");
    }
}
