package io.edgejobs.device.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.tls.Certificates;
import io.edgejobs.wire.HttpJobsCodec;
import io.edgejobs.wire.HttpJobsResponse;
import io.edgejobs.wire.HttpRoute;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP exchange of the iot-jobs-data API: route, body bound, device authorization (mutual TLS), decode,
 * validation, data plane, answer. Every answer carries {@code x-amzn-RequestId}; every error is logged at INFO
 * with the client, the request line, the status and the error type; nothing a client sends stops the listener.
 * SigV4 {@code Authorization} headers are ignored: identity comes from the client certificate.
 */
final class DeviceRequestHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRequestHandler.class);
    private static final int MAX_LOGGED_PATH = 200;

    private final HttpJobsCodec codec;
    private final RequestValidator validator;
    private final DataPlaneCalls calls;
    private final int maxBodyBytes;
    private final boolean deviceCertificates;

    /**
     * @param deviceCertificates whether clients present certificates (mutual TLS) that bind them to one thing
     */
    DeviceRequestHandler(HttpJobsCodec codec, RequestValidator validator, DataPlaneCalls calls, int maxBodyBytes,
            boolean deviceCertificates) {
        this.codec = codec;
        this.validator = validator;
        this.calls = calls;
        this.maxBodyBytes = maxBodyBytes;
        this.deviceCertificates = deviceCertificates;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        HttpJobsResponse answer;
        try {
            answer = answer(exchange, method, rawPath);
        } catch (IOException e) {
            LOG.info("{} {} {}: the request body could not be read: {}", client(exchange), method, shorten(rawPath),
                    e.toString());
            exchange.close();
            return;
        } catch (RuntimeException e) {
            LOG.error("{} {} {}: internal error", client(exchange), method, shorten(rawPath), e);
            answer = codec.encodeError(new JobsException(ErrorCode.InternalError,
                    "Internal error: " + e.getClass().getSimpleName()));
        }
        send(exchange, method, rawPath, answer);
    }

    private HttpJobsResponse answer(HttpExchange exchange, String method, String rawPath) throws IOException {
        Optional<HttpRoute> matched = codec.route(method, rawPath);
        if (matched.isEmpty()) {
            return codec.unknownRoute(method, rawPath);
        }
        HttpRoute route = matched.get();
        OptionalLong declared = RequestBodies.declaredLength(exchange.getRequestHeaders().getFirst("Content-Length"));
        if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
            if (declared.getAsLong() <= RequestBodies.DISCARD_LIMIT) {
                RequestBodies.discard(exchange.getRequestBody(), declared.getAsLong());
            }
            return tooLarge(exchange);
        }
        if (deviceCertificates) {
            Optional<HttpJobsResponse> refused = authorize(exchange, route);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        byte[] body = RequestBodies.read(exchange.getRequestBody(), maxBodyBytes);
        if (body == null) {
            RequestBodies.discard(exchange.getRequestBody(), RequestBodies.DISCARD_LIMIT);
            return tooLarge(exchange);
        }
        JobsRequest request;
        try {
            request = codec.decodeRequest(route, HttpJobsCodec.parseQuery(exchange.getRequestURI().getRawQuery()),
                    body);
            validator.validate(request);
        } catch (JobsException e) {
            // a WireFormatException (InvalidJson, InvalidRequest) is a JobsException too
            return codec.encodeError(e);
        }
        return calls.answer(request);
    }

    /** 413, and the connection closes after it: what is left of the body is not read. */
    private HttpJobsResponse tooLarge(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Connection", "close");
        return EdgeAnswers.tooLarge(maxBodyBytes);
    }

    /** A device may act only on the thing its certificate names. */
    private Optional<HttpJobsResponse> authorize(HttpExchange exchange, HttpRoute route) {
        Optional<String> thing = exchange instanceof HttpsExchange https
                ? thingName(https) : Optional.empty();
        if (thing.isEmpty()) {
            return Optional.of(EdgeAnswers.forbidden("The client certificate names no thing (subject CN)"));
        }
        if (!thing.get().equals(route.thingName())) {
            return Optional.of(EdgeAnswers.forbidden("The client certificate of thing " + thing.get()
                    + " does not allow acting on another thing"));
        }
        return Optional.empty();
    }

    private void send(HttpExchange exchange, String method, String rawPath, HttpJobsResponse answer) {
        String requestId = UUID.randomUUID().toString();
        if (answer.status() >= 400) {
            LOG.info("{} {} {} -> {} {} {}: {}", client(exchange), method, shorten(rawPath), answer.status(),
                    answer.errorType(), requestId, answer.body());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} -> {} {}", client(exchange), method, shorten(rawPath), answer.status(), requestId);
        }
        try (exchange) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                exchange.getResponseHeaders().set(header.getKey(), header.getValue());
            }
            byte[] body = answer.bodyBytes();
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: the client went away before the answer was sent ({})", client(exchange), e.toString());
        }
    }

    /** The thing the client certificate of a mutual TLS exchange names: its single subject CN. */
    private static Optional<String> thingName(HttpsExchange exchange) {
        return Certificates.peerCertificate(exchange.getSSLSession()).flatMap(Certificates::commonName);
    }

    private String client(HttpExchange exchange) {
        String address = String.valueOf(exchange.getRemoteAddress());
        if (deviceCertificates && exchange instanceof HttpsExchange https) {
            return thingName(https).map(t -> "thing " + t + " (" + address + ")")
                    .orElse(address);
        }
        return address;
    }

    private static String shorten(String text) {
        return text == null || text.length() <= MAX_LOGGED_PATH ? text : text.substring(0, MAX_LOGGED_PATH) + "...";
    }
}
