package io.edgejobs.device.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** Reads a request body up to a bound, never more than the bound plus one byte. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The declared Content-Length, or empty when absent (chunked) or not a number. */
    static OptionalLong declaredLength(String contentLength) {
        if (contentLength == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(contentLength.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The body, or null when it is longer than {@code maxBytes} (the rest is left unread; the HTTP server drains
     * a little or closes the connection).
     */
    static byte[] read(InputStream in, int maxBytes) throws IOException {
        byte[] body = in.readNBytes(maxBytes + 1);
        return body.length > maxBytes ? null : body;
    }
}
