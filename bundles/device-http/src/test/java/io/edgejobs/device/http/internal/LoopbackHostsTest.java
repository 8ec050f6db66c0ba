package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", " 127.0.0.1 ", "localhost", "LOCALHOST", "::1", "[::1]",
        "::ffff:127.0.0.1"})
    void loopbackAddressesAreLoopback(String host) {
        assertTrue(LoopbackHosts.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0.0.0.0", "::", "10.0.0.1", "192.168.1.20", "127.0.0.256", "gateway.local",
        "localhost.example.com", "fe80::1"})
    void everythingElseIsNot(String host) {
        assertFalse(LoopbackHosts.isLoopback(host), host);
    }
}
