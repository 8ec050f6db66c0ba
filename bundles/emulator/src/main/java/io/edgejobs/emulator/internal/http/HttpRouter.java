package io.edgejobs.emulator.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a method and a raw path against templates such as {@code /things/{thingName}/jobs/{jobId}}; path
 * parameters are percent-decoded after splitting, so an encoded {@code /} stays inside its parameter.
 */
final class HttpRouter {

    /** A handler of one operation. */
    @FunctionalInterface
    interface Handler {
        HttpReply handle(HttpCall call);
    }

    /** A matched route: its handler, operation name and decoded path parameters. */
    record Match(String operation, Handler handler, Map<String, String> params) {
    }

    private record Route(String method, String[] template, String operation, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    HttpRouter add(String method, String template, String operation, Handler handler) {
        routes.add(new Route(method, split(template), operation, handler));
        return this;
    }

    Optional<Match> match(String method, String rawPath) {
        String[] path = split(rawPath);
        for (Route r : routes) {
            if (!r.method().equals(method) || r.template().length != path.length) {
                continue;
            }
            Map<String, String> params = matchPath(r.template(), path);
            if (params != null) {
                return Optional.of(new Match(r.operation(), r.handler(), params));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> matchPath(String[] template, String[] path) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                String value = decode(path[i]);
                if (value == null || value.isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), value);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
