package io.edgejobs.emulator.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgejobs.emulator.internal.cloud.ControlPlane;
import io.edgejobs.emulator.internal.cloud.ControlPlaneException;
import io.edgejobs.emulator.internal.cloud.JobsCloud;
import io.edgejobs.wire.HttpJobsCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane HTTP listener (the JDK's {@code com.sun.net.httpserver}): the AWS IoT job operations in the
 * rest-json protocol, plus the emulator's own {@code /_emulator/} endpoints. Requests are not authenticated (SigV4
 * headers from the AWS SDKs and CLI are ignored). Errors use the rest-json error shape: the status code of the
 * service model, the {@code x-amzn-ErrorType} header and a {@code {"message": ...}} body; an unknown operation is
 * 404 {@code UnknownOperationException}.
 */
public final class ControlPlaneHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneHttpServer.class);
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpRouter router = new HttpRouter();

    private ControlPlaneHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts the listener.
     *
     * @throws IOException when the address cannot be bound
     */
    public static ControlPlaneHttpServer start(String host, int port, ControlPlane controlPlane, JobsCloud cloud,
            AdminActions admin, int threads) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "emulator-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ControlPlaneHttpServer s = new ControlPlaneHttpServer(http, executor);
        new ControlPlaneRoutes(controlPlane, cloud).register(s.router);
        new AdminRoutes(admin).register(s.router);
        http.createContext("/", s::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("control-plane HTTP listener on {}:{}", host, s.boundPort());
        return s;
    }

    public int boundPort() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String operation = "?";
        HttpReply reply;
        try {
            byte[] body = readBody(exchange.getRequestBody());
            Optional<HttpRouter.Match> match = router.match(method, rawPath);
            if (match.isEmpty()) {
                reply = HttpReply.error(404, "UnknownOperationException", "No operation of the emulated AWS IoT"
                        + " control plane matches " + method + " " + rawPath);
            } else {
                operation = match.get().operation();
                Map<String, List<String>> query = HttpJobsCodec.parseQuery(exchange.getRequestURI().getRawQuery());
                reply = match.get().handler().handle(new HttpCall(method, rawPath, match.get().params(), query, body));
            }
        } catch (ControlPlaneException e) {
            reply = HttpReply.error(e);
        } catch (IllegalArgumentException e) {
            reply = HttpReply.error(ControlPlaneException.invalidRequest(e.getMessage()));
        } catch (RuntimeException | IOException e) {
            LOG.error("{} {} ({}) failed", method, rawPath, operation, e);
            reply = HttpReply.error(ControlPlaneException.internal("internal error: " + e));
        }
        LOG.debug("{} {} -> {} {}", method, rawPath, reply.status(), reply.errorType() == null ? operation
                : reply.errorType());
        send(exchange, reply);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw ControlPlaneException.invalidRequest("the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static void send(HttpExchange exchange, HttpReply reply) {
        try (exchange) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            if (reply.errorType() != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", reply.errorType());
            }
            if (reply.body().length == 0) {
                exchange.sendResponseHeaders(reply.status(), -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException e) {
            LOG.debug("client went away before the answer was sent", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
