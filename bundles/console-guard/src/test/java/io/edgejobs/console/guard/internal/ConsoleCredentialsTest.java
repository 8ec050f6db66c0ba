package io.edgejobs.console.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ConsoleCredentialsTest {

    private static final UnaryOperator<String> NO_FRAMEWORK_PROPERTIES = key -> null;

    @Test
    void withoutAnyConfigurationTheBuiltInAdminAdminApplies() {
        // given no OsgiManager configuration and no framework properties
        ConsoleCredentials credentials = ConsoleCredentials.effective(Map.of(), NO_FRAMEWORK_PROPERTIES);

        // then the console's built-in credentials apply, and they are weak
        assertEquals("admin", credentials.username());
        assertTrue(credentials.weakness().orElseThrow().contains("default password"));
    }

    @Test
    void frameworkPropertiesOverrideTheBuiltIns() {
        // given a password as framework property
        UnaryOperator<String> framework = Map.of("felix.webconsole.password", "from-framework")::get;

        ConsoleCredentials credentials = ConsoleCredentials.effective(Map.of(), framework);

        assertEquals("from-framework", credentials.password());
        assertTrue(credentials.weakness().isEmpty());
    }

    @Test
    void theConfigurationOverridesFrameworkProperties() {
        UnaryOperator<String> framework = Map.of("felix.webconsole.password", "from-framework")::get;

        ConsoleCredentials credentials = ConsoleCredentials.effective(
                Map.of("username", "operator", "password", "admin"), framework);

        // then the configured "admin" wins and is weak even under another user name
        assertEquals("operator", credentials.username());
        assertTrue(credentials.weakness().orElseThrow().contains("'admin'"));
    }

    @Test
    void aHashedNonDefaultPasswordIsNotWeak() {
        ConsoleCredentials credentials = ConsoleCredentials.effective(Map.of("password",
                "{sha-256}ef8c5befe216ee34-1000-hq99v7iK42zsydy/yPzTLfjmv67BUWvcY3xBhXuc61g="), NO_FRAMEWORK_PROPERTIES);

        assertTrue(credentials.weakness().isEmpty());
    }

    @Test
    void anEmptyPasswordIsWeak() {
        ConsoleCredentials credentials = ConsoleCredentials.effective(Map.of("password", ""), NO_FRAMEWORK_PROPERTIES);

        assertEquals("an empty password", credentials.weakness().orElseThrow());
    }

    @Test
    void aPasswordGivenAsCharactersIsRead() {
        ConsoleCredentials credentials = ConsoleCredentials.effective(
                Map.of("password", "admin".toCharArray()), NO_FRAMEWORK_PROPERTIES);

        assertTrue(credentials.weakness().isPresent());
    }

    @Test
    void toStringHidesThePassword() {
        ConsoleCredentials credentials = new ConsoleCredentials("admin", "s3cret");

        assertEquals(-1, credentials.toString().indexOf("s3cret"));
    }
}
