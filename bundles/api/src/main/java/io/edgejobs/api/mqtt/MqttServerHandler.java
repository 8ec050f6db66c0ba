package io.edgejobs.api.mqtt;

import java.security.cert.X509Certificate;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The owner's side of an {@link MqttServer}: decides who may connect, publish and subscribe, and receives what
 * clients publish.
 *
 * <p><b>Threads.</b> {@link #authenticate} and {@link #authorizePublish} run on the network thread that reads the
 * client's packets, {@link #authorizeSubscribe} on the broker's session thread: they must answer quickly and must
 * not block. {@link #onConnect}, {@link #onPublish} and {@link #onDisconnect} run on the server's handler threads,
 * <b>in the order the client's packets arrived</b>: for one client id, onConnect comes first, then its publishes in
 * the order they were read from the socket, then onDisconnect; different clients are handled in parallel. A slow
 * callback delays later callbacks of the clients that share its handler thread.
 *
 * <p>An exception thrown by a callback is logged; from an authorization or authentication callback it counts as a
 * refusal.
 */
@ConsumerType
public interface MqttServerHandler {

    /**
     * Decides a CONNECT. Called (through the default of the four-argument variant below) for every CONNECT with a
     * non-empty client id and protocol level 3.1 or 3.1.1; when {@link MqttServerOptions#allowAnonymous()}
     * is false, a CONNECT without user name is refused (CONNACK 0x05) before this is called.
     *
     * @param username null when the client sent none
     * @param password null when the client sent none
     * @return false to refuse with CONNACK 0x04 (bad user name or password) and close the connection
     */
    boolean authenticate(String clientId, String username, byte[] password);

    /**
     * Decides a CONNECT, knowing the client certificate of a mutual TLS connection. The broker calls this one; the
     * default ignores the certificate and asks {@link #authenticate(String, String, byte[])}, which suits owners
     * whose listeners never require client certificates.
     *
     * <p>The certificate has already been verified against the listener's
     * {@link MqttTlsOptions#clientCaFile() client CAs} during the TLS handshake; binding it to the client id (which
     * certificate may act as which client) is the owner's decision. A refusal of a connection that presented a
     * certificate is answered with CONNACK 0x05 (not authorized) rather than 0x04: the credential is valid, its use
     * is not.
     *
     * @param clientCertificate the verified client certificate (the chain's first), or null when the connection
     *     presented none (plain TCP, or TLS without client certificates)
     * @since 1.1
     */
    default boolean authenticate(String clientId, String username, byte[] password,
            X509Certificate clientCertificate) {
        return authenticate(clientId, username, password);
    }

    /**
     * Decides whether an authenticated client may publish to a topic; also asked for the will topic of a CONNECT
     * (refused with CONNACK 0x05). A client PUBLISH that is refused closes the client's connection (as AWS IoT
     * Core does on a policy violation) and is not delivered anywhere.
     *
     * @param username null when the client sent none
     */
    boolean authorizePublish(String clientId, String username, String topic);

    /**
     * Decides one topic filter of a SUBSCRIBE. A refused filter is answered with the failure return code 0x80 in
     * the SUBACK; the other filters of the same SUBSCRIBE are unaffected.
     *
     * @param username null when the client sent none
     */
    boolean authorizeSubscribe(String clientId, String username, String topicFilter);

    /**
     * A client's connection is established (CONNACK accepted was sent). A client that takes over its own session
     * from a newer connection produces a second onConnect; onDisconnect is reported only for the connection that is
     * current, so it is never reported for a connection that was replaced.
     */
    default void onConnect(String clientId, String username) {
    }

    /**
     * The client's current connection closed: DISCONNECT, network loss, keep-alive timeout, protocol error,
     * {@link MqttServer#disconnect} or {@link MqttServer#close}.
     */
    default void onDisconnect(String clientId, String username) {
    }

    /**
     * A client PUBLISH that was authorized. Called for every such message, in arrival order per client. A QoS 1
     * message re-sent with the DUP flag is delivered again (at-least-once).
     *
     * <p>Messages whose topic matches one of {@link MqttServerOptions#consumedTopicFilters()} go <b>only</b> here:
     * they are acknowledged to the client and never routed to subscribers. Any other message is also routed to the
     * matching subscribers as usual.
     *
     * @param username null when the client sent none
     * @param payload a private copy; the handler may keep it
     */
    void onPublish(String clientId, String username, String topic, byte[] payload);
}
