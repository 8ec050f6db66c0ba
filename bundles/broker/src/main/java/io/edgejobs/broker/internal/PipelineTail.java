package io.edgejobs.broker.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client pipeline: takes the exceptions Moquette's handler passes on. A write to a connection
 * the device has just closed (an answer racing a disconnect) fails with {@link ClosedChannelException}: routine on a
 * device network, logged at DEBUG; anything else is logged at WARN and closes the connection. Without it Netty logs
 * every such race as "an exceptionCaught() event reached the tail of the pipeline".
 */
@ChannelHandler.Sharable
final class PipelineTail extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineTail.class);

    private final String serverName;

    PipelineTail(String serverName) {
        this.serverName = serverName;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            LOG.debug("[{}] write to a closed connection from {} dropped", serverName, ctx.channel().remoteAddress());
            return;
        }
        LOG.warn("[{}] connection from {} failed, closing it", serverName, ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
