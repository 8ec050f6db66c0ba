package io.edgejobs.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.edgejobs.emulator.internal.cloud.ControlPlaneException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a route handler sees it: decoded path parameters, query parameters, and the body.
 */
final class HttpCall {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final byte[] body;

    HttpCall(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
            byte[] body) {
        this.method = method;
        this.path = path;
        this.pathParams = Map.copyOf(pathParams);
        this.query = query;
        this.body = body;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return v;
    }

    /** A query parameter's first value, or null. */
    String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean queryBoolean(String name) {
        String v = query(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ControlPlaneException.invalidRequest(name + " must be true or false, got " + v);
        };
    }

    Long queryLong(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ControlPlaneException.invalidRequest(name + " must be a whole number, got " + v);
        }
    }

    Integer queryInt(String name) {
        Long v = queryLong(name);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw ControlPlaneException.invalidRequest(name + " is out of range: " + v);
        }
        return v.intValue();
    }

    double queryDouble(String name, double fallback) {
        String v = query(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw ControlPlaneException.invalidRequest(name + " must be a number, got " + v);
        }
    }

    /** The body as a JSON object ({@code {}} when empty). */
    JsonNode json() {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw ControlPlaneException.invalidRequest("the request body is not valid JSON");
        }
        if (node == null || node instanceof MissingNode) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw ControlPlaneException.invalidRequest("the request body must be a JSON object");
        }
        return node;
    }
}
