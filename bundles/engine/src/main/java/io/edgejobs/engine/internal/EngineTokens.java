package io.edgejobs.engine.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * clientTokens of the requests the engine sends on its own (prefetch, re-checks): unique per gateway run, at most
 * 40 characters, recognisable in AWS logs ({@code edgejobs-<random>-<n>}).
 */
final class EngineTokens {

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    EngineTokens() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.prefix = "edgejobs-" + HexFormat.of().formatHex(random) + "-";
    }

    String next() {
        return prefix + counter.incrementAndGet();
    }
}
