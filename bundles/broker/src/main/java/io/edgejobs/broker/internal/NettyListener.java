package io.edgejobs.broker.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The TCP listeners of one server (plain and/or TLS): one acceptor thread and a fixed number of network threads
 * shared by them, TCP_NODELAY on every accepted socket (a small response must not wait for the ACK of the previous
 * segment: Nagle plus delayed ACK costs about 40 ms per request/response exchange), and the ports read from the
 * bound channels themselves (Moquette's own acceptor records it asynchronously, which is why
 * {@code Server.getPort()} can return 0 right after start).
 */
final class NettyListener {

    /**
     * One listening port.
     *
     * @param name {@code plain} or {@code tls}, for {@link #port(String)} and messages
     * @param pipeline sets up the pipeline of each accepted connection
     */
    record Endpoint(String name, int port, Consumer<SocketChannel> pipeline) {
    }

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Set<Channel> channels;
    private final List<Channel> serverChannels;
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private NettyListener(EventLoopGroup acceptor, EventLoopGroup workers, Set<Channel> channels,
                          Map<String, Channel> serverChannels) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.channels = channels;
        this.serverChannels = List.copyOf(serverChannels.values());
        serverChannels.forEach((name, channel) ->
            ports.put(name, ((InetSocketAddress) channel.localAddress()).getPort()));
    }

    static NettyListener bind(String serverName, String host, int workerThreads, List<Endpoint> endpoints)
        throws IOException {
        EventLoopGroup acceptor = new NioEventLoopGroup(1,
            new DefaultThreadFactory("mqtt-" + serverName + "-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(workerThreads,
            new DefaultThreadFactory("mqtt-" + serverName + "-io", true));
        Set<Channel> channels = ConcurrentHashMap.newKeySet();
        Map<String, Channel> bound = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channelFactory(ClientChannels.Listening::new)
                .option(ChannelOption.SO_BACKLOG, 128)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        channel.closeFuture().addListener(closed -> channels.remove(channel));
                        endpoint.pipeline().accept(channel);
                    }
                });
            try {
                bound.put(endpoint.name(), bootstrap.bind(host, endpoint.port()).sync().channel());
            } catch (Exception e) {
                bound.values().forEach(channel -> channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS));
                shutdown(acceptor, workers);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("cannot listen on " + host + ":" + endpoint.port() + " (" + endpoint.name()
                    + "): " + e, e);
            }
        }
        return new NettyListener(acceptor, workers, channels, bound);
    }

    /** The port bound by the named endpoint, also after close; -1 when there is no such endpoint. */
    int port(String endpoint) {
        return ports.getOrDefault(endpoint, -1);
    }

    /** Closes the listening sockets and every client connection; their close events may still be pending. */
    void closeChannels() {
        serverChannels.forEach(channel -> channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS));
        List<Channel> open = new ArrayList<>(channels);
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
