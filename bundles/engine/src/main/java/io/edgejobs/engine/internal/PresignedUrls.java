package io.edgejobs.engine.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what in a job document's JSON text depends on time: an unexpanded
 * {@code ${aws:iot:s3-presigned-url:https://...}} placeholder (AWS IoT expands it only when it hands the document to
 * a device), and expanded presigned S3 URLs (SigV4 query: {@code X-Amz-Date=YYYYMMDDTHHMMSSZ} and
 * {@code X-Amz-Expires=<seconds>}), with the earliest instant one of them expires.
 *
 * <p>JSON escapes are undone first ({@code \/}, {@code \u0026}), then query parameters are URL-decoded. A URL
 * lacking either parameter, or with one that does not parse, is not counted: it is not a presigned URL the gateway
 * can reason about, and it never fails the scan.
 */
final class PresignedUrls {

    /** The placeholder AWS IoT replaces with a presigned URL when a device requests the document. */
    static final String PLACEHOLDER = "${aws:iot:s3-presigned-url:";

    /** SigV4's longest validity of a presigned URL (7 days); a larger value is not a presigned URL. */
    private static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>\\\\{}]+");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /**
     * What a scan found.
     *
     * @param placeholder an unexpanded placeholder is in the document
     * @param presignedUrls how many expanded presigned URLs (with a parseable date and validity) are in it
     * @param earliestExpiry when the first of them expires; null when there is none
     */
    record Scan(boolean placeholder, int presignedUrls, Instant earliestExpiry) {

        static final Scan NOTHING = new Scan(false, 0, null);

        /** The document cannot be used as it is at {@code now}: a placeholder, or a URL already expired. */
        boolean expiredAt(Instant now) {
            return placeholder || (earliestExpiry != null && !earliestExpiry.isAfter(now));
        }

        /** The document must be fetched again before it is handed out: expired, or expiring within {@code margin}. */
        boolean refreshDueAt(Instant now, Duration margin) {
            return expiredAt(now.plus(margin));
        }
    }

    private PresignedUrls() {
    }

    static Scan scan(String json) {
        if (json == null || json.isEmpty()) {
            return Scan.NOTHING;
        }
        String text = unescapeJson(json);
        boolean placeholder = text.contains(PLACEHOLDER);
        int count = 0;
        Instant earliest = null;
        Matcher m = URL.matcher(text);
        while (m.find()) {
            Instant expiry = expiryOf(m.group());
            if (expiry != null) {
                count++;
                earliest = earliest == null || expiry.isBefore(earliest) ? expiry : earliest;
            }
        }
        return new Scan(placeholder, count, earliest);
    }

    /** X-Amz-Date + X-Amz-Expires of one URL, or null when it is not a presigned URL. */
    static Instant expiryOf(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        String date = null;
        String expires = null;
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            if ("X-Amz-Date".equalsIgnoreCase(name)) {
                date = value;
            } else if ("X-Amz-Expires".equalsIgnoreCase(name)) {
                expires = value;
            }
        }
        if (date == null || expires == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(expires.trim());
            if (seconds < 0 || seconds > MAX_EXPIRES_SECONDS) {
                return null;
            }
            return LocalDateTime.parse(date.trim(), AMZ_DATE).toInstant(ZoneOffset.UTC).plusSeconds(seconds);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Undoes JSON string escapes; text outside strings has no backslashes, so the whole text can be processed. */
    private static String unescapeJson(String json) {
        if (json.indexOf('\\') < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 >= json.length()) {
                out.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'u' -> {
                    if (i + 4 < json.length()) {
                        try {
                            out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException bad) {
                            out.append(' ');
                        }
                    }
                }
                // a quote or control character ends a URL; a space stands for it
                case '"', 'n', 'r', 't', 'b', 'f' -> out.append(' ');
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
