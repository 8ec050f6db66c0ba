package io.edgejobs.wire;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTPS answer ready to send: status code, headers (always {@code Content-Type}, plus {@code x-amzn-ErrorType}
 * for errors) and the JSON body.
 *
 * @param status the HTTP status code
 * @param headers header names and values
 * @param body the JSON body text
 */
public record HttpJobsResponse(int status, Map<String, String> headers, String body) {
    /** The rest-json header that names the error shape. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    /** The body's content type. */
    public static final String CONTENT_TYPE = "application/json";

    public HttpJobsResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** The body as UTF-8 bytes. */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code x-amzn-ErrorType} value, or null for a success. */
    public String errorType() {
        return headers.get(ERROR_TYPE_HEADER);
    }
}
