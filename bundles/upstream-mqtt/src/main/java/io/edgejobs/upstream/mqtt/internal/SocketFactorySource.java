package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.tls.TlsSetupException;
import javax.net.SocketFactory;

/** Makes the socket factory for one connection attempt (TLS material is read anew each time). */
@FunctionalInterface
interface SocketFactorySource {

    SocketFactory create(UpstreamOptions options) throws TlsSetupException;

    /** TLS with the configured files and policy, or plain TCP with TCP_NODELAY. */
    SocketFactorySource STANDARD = options -> options.endpoint().tls()
            ? new AwsIotSocketFactory(TlsContexts.create(options.tls()), new TlsPolicy(options.tls().alpnProtocol()))
            : new NoDelaySocketFactory();
}
