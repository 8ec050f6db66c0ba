package io.edgejobs.api.upstream;

/** The state of the gateway's connection to AWS IoT Core (or the emulator standing in for it). */
public enum ConnectionState {
    /** Not connected and not trying (stopped, or not configured). */
    DISCONNECTED,
    /** A connection attempt is under way. */
    CONNECTING,
    /** Connected and subscribed: requests can be forwarded. */
    CONNECTED,
    /** The last attempt failed or the link dropped; waiting before the next attempt. */
    BACKING_OFF
}
