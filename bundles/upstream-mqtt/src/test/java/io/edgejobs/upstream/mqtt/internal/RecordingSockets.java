package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.tls.TlsSetupException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/** Wraps the production socket factories and keeps every socket Paho obtains from them. */
final class RecordingSockets implements SocketFactorySource {
    final List<Socket> sockets = new CopyOnWriteArrayList<>();

    @Override
    public SocketFactory create(UpstreamOptions options) throws TlsSetupException {
        SocketFactory real = SocketFactorySource.STANDARD.create(options);
        if (real instanceof SSLSocketFactory ssl) {
            return new SSLSocketFactory() {
                @Override
                public Socket createSocket() throws IOException {
                    return keep(ssl.createSocket());
                }

                @Override
                public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                    return keep(ssl.createSocket(s, host, port, autoClose));
                }

                @Override
                public Socket createSocket(String host, int port) throws IOException {
                    return keep(ssl.createSocket(host, port));
                }

                @Override
                public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                    return keep(ssl.createSocket(host, port, local, localPort));
                }

                @Override
                public Socket createSocket(InetAddress host, int port) throws IOException {
                    return keep(ssl.createSocket(host, port));
                }

                @Override
                public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                        throws IOException {
                    return keep(ssl.createSocket(host, port, local, localPort));
                }

                @Override
                public String[] getDefaultCipherSuites() {
                    return ssl.getDefaultCipherSuites();
                }

                @Override
                public String[] getSupportedCipherSuites() {
                    return ssl.getSupportedCipherSuites();
                }
            };
        }
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return keep(real.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return keep(real.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return keep(real.createSocket(host, port, local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return keep(real.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                    throws IOException {
                return keep(real.createSocket(host, port, local, localPort));
            }
        };
    }

    private Socket keep(Socket socket) {
        sockets.add(socket);
        return socket;
    }
}
