package io.edgejobs.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "127.255.255.254", " 127.0.0.1 ", "localhost", "LOCALHOST",
        "localhost.", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"})
    void loopbackHostsAreLoopback(String host) {
        // given a host that can only bind loopback, when checked, then it is loopback
        assertTrue(LoopbackHosts.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "192.168.1.10", "192.168.1.20", "10.0.0.1",
        "128.0.0.1", "126.255.255.255", "::2", "fe80::1", "fe80::1%eth0", "::ffff:10.0.0.1", "gateway.example.com",
        "gateway.local", "localhost.example.com", "my-localhost", "127.0.0.1.nip.io", "127.1", "999.0.0.1",
        "127.0.0.256", "not an address"})
    void everythingElseIsNotLoopback(String host) {
        // given a wildcard, a LAN/WAN address or a name DNS could resolve anywhere, when checked, then not loopback
        assertFalse(LoopbackHosts.isLoopback(host), host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void noHostMeansEveryInterface(String host) {
        // given no host (servers then bind 0.0.0.0), when checked, then not loopback
        assertFalse(LoopbackHosts.isLoopback(host));
    }

    @Test
    void aNameWithAColonIsNeverLookedUp() {
        // given something that looks like neither IPv4 nor IPv6 but has a colon, when checked, then not loopback
        // (and no DNS lookup: the pattern rejects it before InetAddress sees it)
        assertFalse(LoopbackHosts.isLoopback("gateway:8181"));
    }
}
