package io.edgejobs.broker.internal;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The established connection of each client id, and the onConnect/onDisconnect callbacks. When a client takes over
 * its session from a newer connection, the replaced connection's close is not reported, so the owner never sees a
 * disconnect for a client that is connected.
 */
final class ConnectionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final String serverName;
    private final GuardedHandler handler;
    private final ConcurrentMap<String, Channel> current = new ConcurrentHashMap<>();

    ConnectionRegistry(String serverName, GuardedHandler handler) {
        this.serverName = serverName;
        this.handler = handler;
    }

    void connected(String clientId, String username, Channel channel) {
        Channel replaced = current.put(clientId, channel);
        LOG.info("[{}] client {} connected from {}{}", serverName, clientId, channel.remoteAddress(),
            replaced == null ? "" : ", replacing its connection from " + replaced.remoteAddress());
        handler.onConnect(clientId, username);
    }

    void closed(String clientId, String username, Channel channel) {
        if (current.remove(clientId, channel)) {
            LOG.info("[{}] client {} disconnected", serverName, clientId);
            handler.onDisconnect(clientId, username);
        } else {
            LOG.debug("[{}] replaced connection of client {} closed", serverName, clientId);
        }
    }

    Set<String> clientIds() {
        return Set.copyOf(current.keySet());
    }

    Channel channelOf(String clientId) {
        return current.get(clientId);
    }

    boolean disconnect(String clientId) {
        Channel channel = current.get(clientId);
        if (channel == null) {
            return false;
        }
        LOG.info("[{}] disconnecting client {}", serverName, clientId);
        channel.close();
        return true;
    }
}
