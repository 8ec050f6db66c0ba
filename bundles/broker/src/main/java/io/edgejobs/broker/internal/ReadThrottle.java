package io.edgejobs.broker.internal;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading one connection's socket while too many of its publishes wait for the owner's handler, so a client
 * that publishes faster than the handler works is slowed down by TCP flow control instead of filling the heap.
 * Pausing happens on the connection's event loop; resuming is requested by the handler threads and done there too.
 */
final class ReadThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(ReadThrottle.class);

    private final String serverName;
    private final String clientId;
    private final Channel channel;
    private final int pauseAt;
    private final int resumeAt;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean paused;

    ReadThrottle(String serverName, String clientId, Channel channel, int pauseAt) {
        this.serverName = serverName;
        this.clientId = clientId;
        this.channel = channel;
        this.pauseAt = pauseAt;
        this.resumeAt = Math.max(1, pauseAt / 10);
    }

    /** On the event loop, for each callback queued. */
    void queued() {
        if (pending.incrementAndGet() >= pauseAt && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
            LOG.warn("[{}] handler is {} publishes behind client {}: reading paused", serverName, pending.get(),
                clientId);
            // A callback may have finished between the increment and the pause without seeing it.
            resumeIfDrained();
        }
    }

    /** On a handler thread, after each callback. */
    void done() {
        if (pending.decrementAndGet() <= resumeAt && paused) {
            channel.eventLoop().execute(this::resumeIfDrained);
        }
    }

    private void resumeIfDrained() {
        if (paused && pending.get() <= resumeAt) {
            paused = false;
            channel.config().setAutoRead(true);
            LOG.debug("[{}] handler caught up with client {}: reading resumed", serverName, clientId);
        }
    }
}
