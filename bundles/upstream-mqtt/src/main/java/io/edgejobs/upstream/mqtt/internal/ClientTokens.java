package io.edgejobs.upstream.mqtt.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection's own clientTokens: {@code ej-<8 random base-36 chars>-<counter in base 36>}, unique per
 * connection object (the random part differs between activations, so a late answer to a previous run cannot be
 * taken for an answer to this one) and far below the 64-character limit AWS sets.
 */
final class ClientTokens {
    static final int MAX_LENGTH = 64;

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    ClientTokens() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("ej-");
        for (int i = 0; i < 8; i++) {
            sb.append(Character.forDigit(random.nextInt(36), 36));
        }
        this.prefix = sb.append('-').toString();
    }

    String next() {
        return prefix + Long.toString(counter.incrementAndGet(), 36);
    }

    /** Whether the token has this generator's prefix (it was issued by this connection object). */
    boolean issued(String token) {
        return token != null && token.startsWith(prefix);
    }
}
