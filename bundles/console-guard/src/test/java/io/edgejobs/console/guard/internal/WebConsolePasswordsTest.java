package io.edgejobs.console.guard.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The vectors were produced by Felix Web Console 5.0.18's own Password.hashPassword. */
class WebConsolePasswordsTest {

    private static final String SALTED_ADMIN = "{sha-256}ea89da46958403e2-1000-jDirArM2sMMkSdoPty0U8MqIlTaczFP+7M9rgZnrI94=";
    private static final String SALTED_S3CRET = "{sha-256}ef8c5befe216ee34-1000-hq99v7iK42zsydy/yPzTLfjmv67BUWvcY3xBhXuc61g=";

    @Test
    void theConsoleBuiltInHashIsAdmin() {
        assertTrue(WebConsolePasswords.matches(ConsoleCredentials.DEFAULT_PASSWORD_HASH, "admin"));
        assertFalse(WebConsolePasswords.matches(ConsoleCredentials.DEFAULT_PASSWORD_HASH, "Admin"));
    }

    @Test
    void aSaltedIteratedHashOfAdminIsRecognised() {
        // given "admin" set in plain text, which the console replaced by a salted hash, when compared, then it matches
        assertTrue(WebConsolePasswords.matches(SALTED_ADMIN, "admin"));
    }

    @Test
    void aSaltedHashOfAnotherPasswordIsNotAdmin() {
        assertFalse(WebConsolePasswords.matches(SALTED_S3CRET, "admin"));
        assertTrue(WebConsolePasswords.matches(SALTED_S3CRET, "s3cret"));
    }

    @Test
    void plainTextPasswordsCompareAsText() {
        assertTrue(WebConsolePasswords.matches("admin", "admin"));
        assertFalse(WebConsolePasswords.matches("admin2", "admin"));
    }

    @Test
    void anUnknownAlgorithmMatchesNothing() {
        assertFalse(WebConsolePasswords.matches("{no-such-digest}abc", "admin"));
    }

    @Test
    void aValueThatOnlyLooksHashedIsPlainText() {
        // given braces that are not a hash prefix, when compared, then the whole value is the password
        assertTrue(WebConsolePasswords.matches("{}admin", "{}admin"));
        assertFalse(WebConsolePasswords.matches("{}admin", "admin"));
    }
}
