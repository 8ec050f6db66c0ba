package io.edgejobs.upstream.mqtt.internal;

import javax.net.SocketFactory;

/**
 * The upstream connector's TCP_NODELAY socket factory, for the benchmark's Paho devices: Paho v3 opens its socket
 * without TCP_NODELAY, and Nagle's algorithm would add tens of milliseconds to every small request/answer exchange
 * on loopback (shared notes "Performance traps"). Lives in the connector's package to reach its package-private
 * factory, as BenchStores does for the store.
 */
public final class BenchSockets {

    private BenchSockets() {
    }

    /** Plain sockets with TCP_NODELAY set. */
    public static SocketFactory noDelay() {
        return new NoDelaySocketFactory();
    }
}
