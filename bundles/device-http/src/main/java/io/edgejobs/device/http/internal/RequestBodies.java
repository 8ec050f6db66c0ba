package io.edgejobs.device.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** Reads a request body up to a bound, never more than the bound plus one byte; discards what is refused. */
final class RequestBodies {

    /**
     * How much of a refused body is read and thrown away so that the client, still sending, receives the answer:
     * a server that closes a connection with unread data makes TCP reset it, and the reset can destroy the answer
     * before the client reads it. Beyond this the connection is closed after the answer regardless.
     */
    static final long DISCARD_LIMIT = 1024 * 1024;

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

    /**
     * Reads and drops up to {@code max} bytes in a small buffer.
     *
     * @return whether the body ended within {@code max}
     */
    static boolean discard(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[8192];
        long left = max;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return true;
            }
            left -= n;
        }
        return in.read() < 0;
    }
}
