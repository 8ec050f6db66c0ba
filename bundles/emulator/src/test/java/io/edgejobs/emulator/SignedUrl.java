package io.edgejobs.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A presigned S3 URL as a device reads it: the URL before the query and the SigV4 query parameters. */
record SignedUrl(String base, Map<String, String> query) {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    static SignedUrl parse(Object value) {
        String url = String.valueOf(value);
        int q = url.indexOf('?');
        assertTrue(q > 0, "not a presigned URL: " + url);
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new SignedUrl(url.substring(0, q), query);
    }

    /** X-Amz-Date. */
    Instant signedAt() {
        return LocalDateTime.parse(query.get("X-Amz-Date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
    }

    long expiresInSec() {
        return Long.parseLong(query.get("X-Amz-Expires"));
    }

    Instant expiresAt() {
        return signedAt().plusSeconds(expiresInSec());
    }

    /** Every SigV4 query parameter of a presigned GET is there, shaped as S3 shapes it. */
    void assertShapedLikeS3(String expectedBase, long expectedExpires, String region) {
        assertEquals(expectedBase, base);
        assertEquals("AWS4-HMAC-SHA256", query.get("X-Amz-Algorithm"));
        assertTrue(query.get("X-Amz-Credential").matches("[A-Z0-9]{16,128}/\\d{8}/" + region + "/s3/aws4_request"),
                query.get("X-Amz-Credential"));
        assertTrue(query.get("X-Amz-Credential").contains("/" + query.get("X-Amz-Date").substring(0, 8) + "/"),
                "the credential scope is the signing day");
        assertTrue(query.get("X-Amz-Date").matches("\\d{8}T\\d{6}Z"), query.get("X-Amz-Date"));
        assertEquals(expectedExpires, expiresInSec());
        assertEquals("host", query.get("X-Amz-SignedHeaders"));
        assertTrue(query.get("X-Amz-Signature").matches("[0-9a-f]{64}"), query.get("X-Amz-Signature"));
    }
}
