package io.edgejobs.broker.internal;

import io.edgejobs.api.mqtt.MqttServerHandler;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's {@link MqttServerHandler} as the broker calls it: a throwing decision counts as a refusal and is
 * logged, and message callbacks go through the per-client ordered executor.
 */
final class GuardedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedHandler.class);

    private final String serverName;
    private final MqttServerHandler handler;
    private final OrderedCallbacks callbacks;

    GuardedHandler(String serverName, MqttServerHandler handler, OrderedCallbacks callbacks) {
        this.serverName = serverName;
        this.handler = handler;
        this.callbacks = callbacks;
    }

    boolean authenticate(String clientId, String username, byte[] password, X509Certificate clientCertificate) {
        try {
            return handler.authenticate(clientId, username, password, clientCertificate);
        } catch (RuntimeException e) {
            LOG.error("[{}] authenticate threw for client {}, refusing", serverName, clientId, e);
            return false;
        }
    }

    boolean authorizePublish(String clientId, String username, String topic) {
        try {
            return handler.authorizePublish(clientId, username, topic);
        } catch (RuntimeException e) {
            LOG.error("[{}] authorizePublish threw for client {} topic {}, refusing", serverName, clientId, topic, e);
            return false;
        }
    }

    boolean authorizeSubscribe(String clientId, String username, String topicFilter) {
        try {
            return handler.authorizeSubscribe(clientId, username, topicFilter);
        } catch (RuntimeException e) {
            LOG.error("[{}] authorizeSubscribe threw for client {} filter {}, refusing", serverName, clientId,
                topicFilter, e);
            return false;
        }
    }

    void onConnect(String clientId, String username) {
        callbacks.execute(clientId, "onConnect", () -> handler.onConnect(clientId, username));
    }

    void onDisconnect(String clientId, String username) {
        callbacks.execute(clientId, "onDisconnect", () -> handler.onDisconnect(clientId, username));
    }

    /** @param done runs after the callback, whether it returned or threw */
    void onPublish(String clientId, String username, String topic, byte[] payload, Runnable done) {
        callbacks.execute(clientId, "onPublish", () -> {
            try {
                handler.onPublish(clientId, username, topic, payload);
            } finally {
                done.run();
            }
        });
    }
}
