package io.edgejobs.upstream.mqtt.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory handed to Paho. Every socket it makes has TCP_NODELAY set (Paho sets nothing, and Nagle
 * adds tens of milliseconds to each small request/answer exchange) and carries the {@link TlsPolicy}: TLS 1.2+,
 * hostname verification, the ALPN protocol. Paho 1.2.5 calls {@code setSSLParameters} with fresh parameters
 * before the handshake (for SNI), which would silently drop ALPN and could drop hostname verification; the
 * sockets are therefore wrapped in a {@link PolicySslSocket} that re-imposes the policy on every such call.
 */
final class AwsIotSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final TlsPolicy policy;

    AwsIotSocketFactory(SSLContext context, TlsPolicy policy) {
        this.delegate = context.getSocketFactory();
        this.policy = policy;
    }

    @Override
    public Socket createSocket() throws IOException {
        return wrap((SSLSocket) delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        plain.setTcpNoDelay(true);
        return wrap((SSLSocket) delegate.createSocket(plain, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return wrap((SSLSocket) delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return wrap((SSLSocket) delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return wrap((SSLSocket) delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return wrap((SSLSocket) delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private Socket wrap(SSLSocket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSSLParameters(policy.apply(socket.getSSLParameters(), socket.getSupportedProtocols()));
        return new PolicySslSocket(socket, policy);
    }
}
