package io.edgejobs.upstream.mqtt.internal;

import java.util.Arrays;

/**
 * A configured secret (the private key password). Its {@link #toString()} never shows the value, so it can sit in
 * an options record that is logged.
 */
final class Secret {
    static final Secret NONE = new Secret("");

    private final char[] value;

    private Secret(String value) {
        this.value = value.toCharArray();
    }

    static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    boolean isEmpty() {
        return value.length == 0;
    }

    /** A copy of the characters, for the one call that needs them; the caller should wipe it. */
    char[] chars() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return isEmpty() ? "(none)" : "(set)";
    }
}
