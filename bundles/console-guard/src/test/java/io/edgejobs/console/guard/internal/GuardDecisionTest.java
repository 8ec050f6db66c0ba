package io.edgejobs.console.guard.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardDecisionTest {

    private static final GuardOptions ENFORCE = new GuardOptions(true);
    private static final ConsoleCredentials DEFAULTS =
            ConsoleCredentials.effective(Map.of(), key -> null);
    private static final ConsoleCredentials STRONG = new ConsoleCredentials("admin", "a long unguessable secret");

    @Test
    void aPublicHostWithDefaultCredentialsIsRefusedWithAnActionableMessage() {
        // when HTTP should bind 0.0.0.0 while the console still accepts admin/admin
        GuardDecision decision = GuardDecision.decide(ENFORCE, "0.0.0.0", DEFAULTS);

        // then it is refused, and the message names the host, the fallback and what to change
        assertTrue(decision.refused());
        assertTrue(decision.message().contains("'0.0.0.0'"), decision.message());
        assertTrue(decision.message().contains("127.0.0.1"), decision.message());
        assertTrue(decision.message().contains("org.apache.felix.webconsole.internal.servlet.OsgiManager"));
        assertTrue(decision.message().contains("'password'"), decision.message());
    }

    @Test
    void noHostAtAllIsRefusedWithDefaultCredentials() {
        GuardDecision decision = GuardDecision.decide(ENFORCE, null, DEFAULTS);

        assertTrue(decision.refused());
        assertTrue(decision.message().contains("every network interface"), decision.message());
    }

    @Test
    void loopbackIsAlwaysAllowed() {
        assertFalse(GuardDecision.decide(ENFORCE, "127.0.0.1", DEFAULTS).refused());
        assertFalse(GuardDecision.decide(ENFORCE, "::1", DEFAULTS).refused());
        assertFalse(GuardDecision.decide(ENFORCE, "localhost", DEFAULTS).refused());
    }

    @Test
    void aPublicHostIsAllowedOnceAPasswordIsSet() {
        assertFalse(GuardDecision.decide(ENFORCE, "0.0.0.0", STRONG).refused());
        assertFalse(GuardDecision.decide(ENFORCE, "192.168.1.10", STRONG).refused());
    }

    @Test
    void enforcementCanBeSwitchedOff() {
        assertFalse(GuardDecision.decide(new GuardOptions(false), "0.0.0.0", DEFAULTS).refused());
    }

    @Test
    void theFrameworkPropertyIsTheFallbackHost() {
        // given no host in the configuration, the framework property decides
        assertTrue(HttpSettings.effectiveHost(null, Map.of("org.apache.felix.http.host", "10.0.0.5")::get)
                .equals("10.0.0.5"));
        assertTrue(HttpSettings.effectiveHost("127.0.0.1", Map.of("org.apache.felix.http.host", "10.0.0.5")::get)
                .equals("127.0.0.1"));
    }
}
