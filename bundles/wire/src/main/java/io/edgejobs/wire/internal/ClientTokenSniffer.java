package io.edgejobs.wire.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the top-level {@code clientToken} of a payload without fully parsing it, also in broken payloads.
 *
 * <p>First a lenient streaming scan of the top-level fields (comments, single quotes, unquoted names allowed),
 * which stops at the token or at the first syntax error; then, if the scan failed before reaching a token, a
 * textual search for {@code "clientToken" : "..."}. The textual search can match a nested field of that name: it
 * is only a best effort for payloads that are broken anyway.
 */
public final class ClientTokenSniffer {
    private static final String FIELD = "clientToken";
    private static final Pattern QUOTED_TOKEN =
            Pattern.compile("\"clientToken\"\\s*:\\s*\"((?:[^\"\\\\\\x00-\\x1f]|\\\\.)*)\"");
    private static final char REPLACEMENT = '\uFFFD';

    private ClientTokenSniffer() {
    }

    /**
     * The payload's top-level string clientToken, or null. Never throws. The bytes are decoded by the JDK, which
     * replaces every malformed sequence (Jackson would accept overlong forms), so a damaged token is dropped.
     */
    public static String sniff(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        return sniff(new String(payload, StandardCharsets.UTF_8));
    }

    /** The text's top-level string clientToken, or null. Never throws. */
    public static String sniff(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        ScanResult scan;
        try (JsonParser p = Json.LENIENT.createParser(text)) {
            scan = scan(p);
        } catch (IOException | RuntimeException e) {
            scan = ScanResult.FAILED;
        }
        return scan.failed ? search(text) : scan.token;
    }

    private static ScanResult scan(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return ScanResult.NONE;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (FIELD.equals(name) && value == JsonToken.VALUE_STRING) {
                return clean(p.getText());
            }
            p.skipChildren();
        }
        return ScanResult.NONE;
    }

    private static String search(String text) {
        Matcher m = QUOTED_TOKEN.matcher(text);
        if (!m.find()) {
            return null;
        }
        try (JsonParser p = Json.LENIENT.createParser("\"" + m.group(1) + "\"")) {
            p.nextToken();
            return clean(p.getText()).token;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A token holding undecodable bytes could not match anything the device keeps: drop it. */
    private static ScanResult clean(String token) {
        return token.indexOf(REPLACEMENT) >= 0 ? ScanResult.NONE : new ScanResult(token, false);
    }

    private record ScanResult(String token, boolean failed) {
        static final ScanResult NONE = new ScanResult(null, false);
        static final ScanResult FAILED = new ScanResult(null, true);
    }
}
