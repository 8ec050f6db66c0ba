package io.edgejobs.device.http.internal;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.tls.SslContexts;
import io.edgejobs.tls.TlsSetupException;
import io.edgejobs.wire.HttpJobsCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener: the JDK's {@code com.sun.net.httpserver} (HTTP, or HTTPS with optional client authentication) with
 * a fixed pool of worker threads, every path handled by {@link DeviceRequestHandler}.
 */
final class DeviceHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceHttpServer.class);
    private static final int BACKLOG = 64;

    private final HttpServer server;
    private final ExecutorService workers;

    private DeviceHttpServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Reads the TLS files, binds and starts.
     *
     * @throws TlsSetupException when the TLS files cannot be used (message safe to log)
     * @throws IOException when the address cannot be bound
     */
    static DeviceHttpServer start(DeviceHttpOptions options, JobsDataPlane dataPlane)
            throws TlsSetupException, IOException {
        SSLContext tls = options.tls() == null ? null : ServerTlsContexts.create(options.tls());
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(address, BACKLOG);
        } else {
            HttpsServer https = HttpsServer.create(address, BACKLOG);
            https.setHttpsConfigurator(configurator(tls, options.tls().mutual()));
            server = https;
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(options.workerThreads(), r -> {
            Thread t = new Thread(r, "device-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpJobsCodec codec = new HttpJobsCodec(options.timestampUnit());
        DataPlaneCalls calls = new DataPlaneCalls(dataPlane, codec, options.requestTimeout());
        server.createContext("/", new DeviceRequestHandler(codec, new RequestValidator(options.limits()), calls,
                options.maxBodyBytes(), options.tls() != null && options.tls().mutual()));
        server.setExecutor(workers);
        server.start();
        DeviceHttpServer started = new DeviceHttpServer(server, workers);
        LOG.info("device {} data plane listening on {}:{}{}", options.scheme().toUpperCase(Locale.ROOT),
                options.host(), started.boundPort(), options.tls() == null ? " (plain HTTP, loopback only)"
                        : options.tls().mutual() ? " (mutual TLS: a device acts only on its certificate's thing)"
                                : " (TLS without client certificates: any client may act on any thing)");
        return started;
    }

    private static HttpsConfigurator configurator(SSLContext context, boolean needClientAuth) {
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setProtocols(SslContexts.serverProtocols(context));
                parameters.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(parameters);
            }
        };
    }

    int boundPort() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        // up to one second for exchanges in progress to finish their answer
        server.stop(1);
        workers.shutdownNow();
    }
}
