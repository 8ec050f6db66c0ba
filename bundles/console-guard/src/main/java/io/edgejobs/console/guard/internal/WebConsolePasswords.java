package io.edgejobs.console.guard.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The password format of the Felix Web Console 5 (PID {@code org.apache.felix.webconsole.internal.servlet.OsgiManager},
 * property {@code password}): either plain text, or {@code {algorithm}[salt-][iterations-]base64(digest)} where the
 * digest is applied {@code iterations} times (1 when absent) to {@code salt + password}. The console's own
 * default is {@code {sha-256}} of "admin" without salt; a plain password set through ConfigAdmin is replaced by
 * the console with a salted hash (1000 iterations).
 */
final class WebConsolePasswords {

    private WebConsolePasswords() {
    }

    /**
     * Whether {@code candidate} is accepted by the stored password value. A hash whose algorithm this JVM does not
     * know matches nothing.
     */
    static boolean matches(String stored, String candidate) {
        Optional<Hashed> hashed = Hashed.parse(stored);
        if (hashed.isEmpty()) {
            return MessageDigest.isEqual(bytes(stored), bytes(candidate));
        }
        return hashed.get().matches(candidate);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A parsed {@code {algorithm}[salt-][iterations-]digest} value. */
    private record Hashed(String algorithm, String salt, int iterations, String digest) {

        static Optional<Hashed> parse(String stored) {
            int close = stored.indexOf('}');
            if (!stored.startsWith("{") || close <= 1) {
                return Optional.empty();
            }
            String algorithm = stored.substring(1, close);
            String[] parts = stored.substring(close + 1).split("-", -1);
            return switch (parts.length) {
                case 1 -> Optional.of(new Hashed(algorithm, "", 1, parts[0]));
                case 2 -> Optional.of(new Hashed(algorithm, parts[0], 1, parts[1]));
                case 3 -> Optional.of(new Hashed(algorithm, parts[0], iterations(parts[1]), parts[2]));
                default -> Optional.empty();
            };
        }

        private static int iterations(String text) {
            try {
                return Math.max(1, Integer.parseInt(text));
            } catch (NumberFormatException e) {
                return 1;
            }
        }

        boolean matches(String candidate) {
            try {
                MessageDigest md = MessageDigest.getInstance(algorithm);
                byte[] value = bytes(salt + candidate);
                for (int i = 0; i < iterations; i++) {
                    md.reset();
                    value = md.digest(value);
                }
                return MessageDigest.isEqual(bytes(Base64.getEncoder().encodeToString(value)), bytes(digest));
            } catch (NoSuchAlgorithmException e) {
                return false;
            }
        }
    }
}
