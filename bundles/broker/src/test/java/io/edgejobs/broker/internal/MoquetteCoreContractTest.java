package io.edgejobs.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moquette.broker.Server;
import org.junit.jupiter.api.Test;

/**
 * io.moquette.broker.EdgejobsMoquetteCore is written against Moquette 0.17's package-private classes. The compiler
 * checks the signatures; this test makes an upgrade fail until someone has re-read what changed (for example,
 * 0.18 drops client publishes to $-topics before any hook, which this bundle relies on receiving).
 */
class MoquetteCoreContractTest {

    @Test
    void theEmbeddedMoquetteIsTheVersionTheCoreWasWrittenFor() {
        assertEquals("0.17", Server.MOQUETTE_VERSION);
    }
}
