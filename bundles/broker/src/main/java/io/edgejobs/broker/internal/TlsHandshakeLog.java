package io.edgejobs.broker.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the outcome of each TLS handshake once: a failure (no client certificate, one from an unknown CA, a plain
 * MQTT client on the TLS port, a TLS version below 1.2) at WARN with the peer address and the reason, a success at
 * DEBUG. A connection closed before any handshake (a port probe) is not a failure worth a WARN.
 */
@ChannelHandler.Sharable
final class TlsHandshakeLog extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLog.class);

    private final String serverName;

    TlsHandshakeLog(String serverName) {
        this.serverName = serverName;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                if (LOG.isDebugEnabled()) {
                    SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
                    X509Certificate client = ServerTls.clientCertificate(ctx.pipeline());
                    LOG.debug("[{}] TLS from {}: {} {}, client certificate {}", serverName,
                        ctx.channel().remoteAddress(), session.getProtocol(), session.getCipherSuite(),
                        client == null ? "none" : client.getSubjectX500Principal().getName());
                }
            } else if (completion.cause() instanceof ClosedChannelException) {
                LOG.debug("[{}] connection from {} closed before its TLS handshake completed", serverName,
                    ctx.channel().remoteAddress());
            } else {
                LOG.warn("[{}] TLS handshake with {} failed, connection closed: {}", serverName,
                    ctx.channel().remoteAddress(), reason(completion.cause()));
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            // its message holds the bytes received, which may be a plain CONNECT with a password
            return "not a TLS record (a plain MQTT client on the TLS port?)";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? cause.toString() : cause.getClass().getSimpleName() + ": " + root;
    }
}
