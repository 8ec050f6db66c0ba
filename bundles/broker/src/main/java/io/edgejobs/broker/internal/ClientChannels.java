package io.edgejobs.broker.internal;

import io.netty.channel.Channel;
import io.netty.channel.DefaultChannelPipeline;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening channel of a server, and the client channels it accepts, whose pipeline takes the failed writes
 * Moquette's session threads make to connections that have already closed.
 *
 * <p>Why: Moquette 0.17's MQTTConnection writes SUBACK and UNSUBACK without checking the channel
 * ({@code sendSubAckMessage}, {@code sendUnsubAckMessage}), and its publishes and PUBACKs check
 * {@code isWritable()} on the session thread before the write runs on the network thread
 * ({@code sendIfWritableElseDrop}); each write carries {@code FIRE_EXCEPTION_ON_FAILURE}. When the device is gone by
 * the time the write runs (a device closes right after UNSUBSCRIBE, as the AWS IoT Device SDK does on close, or
 * vanishes while answers are on the way), the write fails with a ClosedChannelException that is fired into a
 * pipeline Netty has already emptied: no handler can see it, and Netty's tail logs "An exceptionCaught() event was
 * fired, and it reached at the tail of the pipeline" at WARN. Moquette is embedded unchanged (MQTTConnection is
 * final), so the failure is taken where it lands: at the tail of the client channel's pipeline. A write that fails
 * on a closed channel is logged at DEBUG; any other exception that reaches the tail, or any exception on a channel
 * that is still open, keeps Netty's WARN.
 */
final class ClientChannels {

    private ClientChannels() {
    }

    /** The listening socket; each accepted connection becomes a {@link ClientChannel}. */
    static final class Listening extends NioServerSocketChannel {

        private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

        @Override
        protected int doReadMessages(List<Object> buf) throws Exception {
            SocketChannel accepted = javaChannel().accept();
            if (accepted == null) {
                return 0;
            }
            try {
                buf.add(new ClientChannel(this, accepted));
                return 1;
            } catch (RuntimeException e) {
                LOG.warn("cannot set up an accepted connection, closing it", e);
                try {
                    accepted.close();
                } catch (IOException closeFailure) {
                    LOG.warn("cannot close an accepted connection: {}", closeFailure.toString());
                }
                return 0;
            }
        }
    }

    /** An accepted client connection. */
    static final class ClientChannel extends NioSocketChannel {

        ClientChannel(Channel parent, SocketChannel socket) {
            super(parent, socket);
        }

        @Override
        protected DefaultChannelPipeline newChannelPipeline() {
            return new ClientPipeline(this);
        }
    }

    private static final class ClientPipeline extends DefaultChannelPipeline {

        private static final Logger LOG = LoggerFactory.getLogger(ClientPipeline.class);

        ClientPipeline(Channel channel) {
            super(channel);
        }

        @Override
        protected void onUnhandledInboundException(Throwable cause) {
            if (cause instanceof ClosedChannelException && !channel().isOpen()) {
                try {
                    LOG.debug("write to the closed connection {} dropped: {}", channel(), cause.toString());
                } finally {
                    ReferenceCountUtil.release(cause);
                }
                return;
            }
            super.onUnhandledInboundException(cause);
        }
    }
}
