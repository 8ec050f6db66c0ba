package io.edgejobs.device.http.internal;

import io.edgejobs.wire.HttpJobsResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of the listener itself that no {@link io.edgejobs.api.jobs.ErrorCode} describes, in the rest-json
 * error shape: status, {@code x-amzn-ErrorType} and {@code {"message":…}}. The types are those AWS IoT uses for
 * the same HTTP status elsewhere (see docs/decisions-http.md).
 */
final class EdgeAnswers {

    static final String FORBIDDEN = "ForbiddenException";
    static final String TOO_LARGE = "RequestEntityTooLargeException";

    private EdgeAnswers() {
    }

    /** 403: the client certificate does not allow acting on the thing in the path. */
    static HttpJobsResponse forbidden(String message) {
        return error(403, FORBIDDEN, message);
    }

    /** 413: the body is larger than the listener reads. */
    static HttpJobsResponse tooLarge(int maxBodyBytes) {
        return error(413, TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes");
    }

    static HttpJobsResponse error(int status, String type, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", HttpJobsResponse.CONTENT_TYPE);
        headers.put(HttpJobsResponse.ERROR_TYPE_HEADER, type);
        return new HttpJobsResponse(status, headers, "{\"message\":\"" + jsonEscape(message) + "\"}");
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
