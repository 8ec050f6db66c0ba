package io.edgejobs.broker.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The TCP listener: one acceptor thread, a fixed number of network threads, TCP_NODELAY on every accepted socket
 * (a small response must not wait for the ACK of the previous segment: Nagle plus delayed ACK costs about 40 ms per
 * request/response exchange), and the port read from the bound channel itself (Moquette's own acceptor records it
 * asynchronously, which is why {@code Server.getPort()} can return 0 right after start).
 */
final class NettyListener {

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Set<Channel> channels;
    private final Channel serverChannel;
    private final int port;

    private NettyListener(EventLoopGroup acceptor, EventLoopGroup workers, Set<Channel> channels,
                          Channel serverChannel) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.channels = channels;
        this.serverChannel = serverChannel;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    static NettyListener bind(String serverName, String host, int port, int workerThreads,
                              Consumer<SocketChannel> pipeline) throws IOException {
        EventLoopGroup acceptor = new NioEventLoopGroup(1,
            new DefaultThreadFactory("mqtt-" + serverName + "-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(workerThreads,
            new DefaultThreadFactory("mqtt-" + serverName + "-io", true));
        Set<Channel> channels = ConcurrentHashMap.newKeySet();
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(acceptor, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channels.add(channel);
                    channel.closeFuture().addListener(closed -> channels.remove(channel));
                    pipeline.accept(channel);
                }
            });
        try {
            Channel serverChannel = bootstrap.bind(host, port).sync().channel();
            return new NettyListener(acceptor, workers, channels, serverChannel);
        } catch (Exception e) {
            shutdown(acceptor, workers);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e, e);
        }
    }

    /** The bound port, also after close. */
    int port() {
        return port;
    }

    /** Closes the listening socket and every client connection; their close events may still be pending. */
    void closeChannels() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        List<Channel> open = List.copyOf(channels);
        open.forEach(Channel::close);
        open.forEach(channel -> channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS));
    }

    /** Stops the network threads after they ran their pending tasks (the connections' close events). */
    void stopThreads() {
        shutdown(acceptor, workers);
    }

    private static void shutdown(EventLoopGroup acceptor, EventLoopGroup workers) {
        Future<?> acceptorDone = acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        Future<?> workersDone = workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        acceptorDone.awaitUninterruptibly(10, TimeUnit.SECONDS);
        workersDone.awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
