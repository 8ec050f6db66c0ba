package io.edgejobs.api.mqtt;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A running MQTT 3.1.1 listener started by {@link MqttServerFactory}. All methods are thread-safe.
 *
 * <p>Two ways out: {@link #publish} is an ordinary broker publish, fanned out to every matching subscription
 * (notifications such as {@code $aws/things/T/jobs/notify-next}); {@link #sendTo} is point-to-point and reaches one
 * client connection only, the way AWS IoT answers Jobs requests ("These response messages don't pass through the
 * message broker and they can't be subscribed to by other clients").
 */
@ProviderType
public interface MqttServer extends AutoCloseable {

    /** The {@link MqttServerOptions#name() name} given at start, used in logs and thread names. */
    String name();

    /** The host the listener is bound to. */
    String host();

    /**
     * The TCP port the plain listener actually bound: the configured one, or the one the OS chose when the options
     * said 0; -1 when the plain listener is {@link MqttServerOptions#plainListenerEnabled() disabled}.
     */
    int boundPort();

    /**
     * The TCP port the TLS listener actually bound, as {@link #boundPort()}; -1 when the server has no TLS listener.
     *
     * @since 1.1
     */
    int tlsBoundPort();

    /**
     * Delivers a message to the connection of one client only, and only if that client currently holds a
     * subscription whose filter matches {@code topic}. No other client sees it, whatever it subscribed to, and it is
     * neither retained nor queued for an offline session.
     *
     * @param qos requested QoS 0 or 1 (2 is accepted too); lowered to the QoS of the client's matching subscription
     * @return true if the client is connected, has a matching subscription and the message was handed to its
     *     session; false otherwise (nothing was sent)
     * @throws IllegalArgumentException if the topic is empty or contains wildcards, or qos is not 0..2
     */
    boolean sendTo(String clientId, String topic, byte[] payload, int qos);

    /**
     * Publishes like a client would (without authorization checks): every client with a matching subscription
     * receives it, at the lower of {@code qos} and its subscription's QoS.
     *
     * @param retain keep it as the topic's retained message for later subscribers; only kept with qos 1 or 2, while
     *     qos 0 or an empty payload clears the topic's retained message
     * @return the number of subscribed clients the message was routed to
     * @throws IllegalArgumentException if the topic is empty or contains wildcards, or qos is not 0..2
     */
    int publish(String topic, byte[] payload, int qos, boolean retain);

    /** The client ids whose connection is currently established (CONNACK accepted and not yet closed). */
    Set<String> connectedClientIds();

    /**
     * Closes the network connection of a client, as if the connection was lost: its will message, if any, is
     * published and {@link MqttServerHandler#onDisconnect} follows.
     *
     * @return true if the client was connected
     */
    boolean disconnect(String clientId);

    /**
     * Stops accepting, closes every client connection, delivers the remaining handler callbacks and releases the
     * port and all threads. Idempotent.
     */
    @Override
    void close();
}
