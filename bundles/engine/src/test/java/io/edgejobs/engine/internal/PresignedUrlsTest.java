package io.edgejobs.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresignedUrlsTest {

    /** A presigned GET URL as AWS IoT expands it, signed at {@code date} for {@code expires} seconds. */
    static String presigned(String key, String date, int expires) {
        return "https://s3.eu-west-1.amazonaws.com/edgejobs-firmware/" + key
                + "?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2F%2F%2F%2FwEaCWV1LXdlc3QtMSJH"
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + date
                + "&X-Amz-SignedHeaders=host&X-Amz-Expires=" + expires
                + "&X-Amz-Credential=ASIAEXAMPLE%2F" + date.substring(0, 8) + "%2Feu-west-1%2Fs3%2Faws4_request"
                + "&X-Amz-Signature=4f1b6e4c2b0c0b8d7f2a9e2f7e6d5c4b3a291807f6e5d4c3b2a1908f7e6d5c4b";
    }

    /** How a JSON encoder may write it: slashes escaped, ampersands as \\u0026. */
    static String jsonEscaped(String url) {
        return url.replace("/", "\\/").replace("&", "\\u0026");
    }

    @Test
    void aDocumentWithoutUrlsHasNothingToRefresh() {
        PresignedUrls.Scan scan = PresignedUrls.scan("{\"operation\":\"install\",\"version\":\"1.2\"}");

        assertFalse(scan.placeholder());
        assertEquals(0, scan.presignedUrls());
        assertNull(scan.earliestExpiry());
        assertFalse(scan.refreshDueAt(Instant.parse("2030-01-01T00:00:00Z"), Duration.ofHours(1)));
        assertEquals(PresignedUrls.Scan.NOTHING, PresignedUrls.scan(null));
    }

    @Test
    void anUnexpandedPlaceholderIsAlwaysDue() {
        PresignedUrls.Scan scan = PresignedUrls.scan("{\"url\":\"${aws:iot:s3-presigned-url:"
                + "https://s3.eu-west-1.amazonaws.com/edgejobs-firmware/pump-2.4.bin}\"}");

        assertTrue(scan.placeholder());
        assertEquals(0, scan.presignedUrls(), "the URL inside the placeholder is not signed");
        assertTrue(scan.expiredAt(Instant.EPOCH));
    }

    @Test
    void theEarliestExpiryOfSeveralUrlsIsDateplusExpires() {
        String document = "{\"steps\":[{\"download\":\"" + presigned("pump-2.4.bin", "20261123T100000Z", 3600)
                + "\"},{\"download\":\"" + presigned("pump-2.4.sig", "20261123T101500Z", 600) + "\"}],"
                + "\"docs\":\"https://example.com/readme.html\"}";

        PresignedUrls.Scan scan = PresignedUrls.scan(document);

        assertEquals(2, scan.presignedUrls());
        assertEquals(Instant.parse("2026-11-23T10:25:00Z"), scan.earliestExpiry());
        assertFalse(scan.expiredAt(Instant.parse("2026-11-23T10:24:59Z")));
        assertTrue(scan.expiredAt(Instant.parse("2026-11-23T10:25:00Z")));
        assertTrue(scan.refreshDueAt(Instant.parse("2026-11-23T10:24:00Z"), Duration.ofSeconds(60)));
        assertFalse(scan.refreshDueAt(Instant.parse("2026-11-23T10:23:59Z"), Duration.ofSeconds(60)));
    }

    @Test
    void jsonEscapesAndUrlEncodedParameterNamesAreRead() {
        String url = presigned("a%20b/pump.bin", "20261123T100000Z", 900)
                .replace("X-Amz-Date=", "x-amz-date=").replace("X-Amz-Expires=", "X%2DAmz%2DExpires=");
        String document = "{\"url\":\"" + jsonEscaped(url) + "\"}";

        PresignedUrls.Scan scan = PresignedUrls.scan(document);

        assertEquals(1, scan.presignedUrls());
        assertEquals(Instant.parse("2026-11-23T10:15:00Z"), scan.earliestExpiry());
    }

    @Test
    void malformedUrlsAreIgnoredAndNeverFailTheScan() {
        String document = "{\"a\":\"https://s3.amazonaws.com/b/k?X-Amz-Date=2026-11-23&X-Amz-Expires=60\","
                + "\"b\":\"https://s3.amazonaws.com/b/k?X-Amz-Date=20261123T100000Z&X-Amz-Expires=soon\","
                + "\"c\":\"https://s3.amazonaws.com/b/k?X-Amz-Date=20261123T100000Z\","
                + "\"d\":\"https://s3.amazonaws.com/b/k?X-Amz-Date=20261123T100000Z&X-Amz-Expires=99999999\","
                + "\"e\":\"https://s3.amazonaws.com/b/k?%zz=1&X-Amz-Date=20261123T100000Z&X-Amz-Expires=%\","
                + "\"f\":\"bad escape \\u00\",\"g\":\"" + presigned("ok.bin", "20261123T100000Z", 60) + "\"}";

        PresignedUrls.Scan scan = PresignedUrls.scan(document);

        assertEquals(1, scan.presignedUrls());
        assertEquals(Instant.parse("2026-11-23T10:01:00Z"), scan.earliestExpiry());
        assertFalse(scan.placeholder());
    }
}
