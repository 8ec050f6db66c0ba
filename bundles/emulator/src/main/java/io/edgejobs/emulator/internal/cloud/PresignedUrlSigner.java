package io.edgejobs.emulator.internal.cloud;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the {@code ${aws:iot:s3-presigned-url:https://s3.amazonaws.com/bucket/key}} placeholders of a job
 * document into presigned S3 URLs, as AWS IoT does each time it hands the document to a device: the URL of the
 * placeholder with the SigV4 query parameters {@code X-Amz-Algorithm}, {@code X-Amz-Credential},
 * {@code X-Amz-Date} (the moment it is handed out, {@code yyyyMMdd'T'HHmmss'Z'}), {@code X-Amz-Expires}
 * ({@code presignedUrlConfig.expiresInSec}), {@code X-Amz-SignedHeaders} and {@code X-Amz-Signature}.
 *
 * <p>Nothing is really signed: the signature is a SHA-256 of the URL's other parts, so it changes with every
 * signing moment and looks like one, but S3 would refuse it. The emulator holds no credentials.
 */
public final class PresignedUrlSigner {

    /** What starts a placeholder. */
    public static final String PLACEHOLDER_PREFIX = "${aws:iot:s3-presigned-url:";

    private static final Pattern PLACEHOLDER = Pattern.compile(
            Pattern.quote(PLACEHOLDER_PREFIX) + "(https://[^\\s\"'<>\\\\{}?#]+)\\}");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd")
            .withZone(ZoneOffset.UTC);
    /** A made-up temporary access key id (ASIA: credentials of an assumed role, as AWS IoT signs with the role). */
    private static final String ACCESS_KEY_ID = "ASIAEDGEJOBSEMULATOR";

    private final String region;

    public PresignedUrlSigner(String region) {
        this.region = Objects.requireNonNull(region, "region");
    }

    /** Whether the document text holds a placeholder (well formed or not). */
    public static boolean hasPlaceholder(String document) {
        return document != null && document.contains(PLACEHOLDER_PREFIX);
    }

    /**
     * Checks every placeholder of a document has the form {@code ${aws:iot:s3-presigned-url:https://...}} (an
     * https URL without query or fragment).
     *
     * @return the number of placeholders
     * @throws ControlPlaneException InvalidRequestException for a malformed one
     */
    public static int checkPlaceholders(String document) {
        int wellFormed = 0;
        Matcher m = PLACEHOLDER.matcher(document);
        while (m.find()) {
            wellFormed++;
        }
        int all = 0;
        for (int i = document.indexOf(PLACEHOLDER_PREFIX); i >= 0;
                i = document.indexOf(PLACEHOLDER_PREFIX, i + PLACEHOLDER_PREFIX.length())) {
            all++;
        }
        if (all != wellFormed) {
            throw ControlPlaneException.invalidRequest("document: a presigned-URL placeholder must have the form "
                    + PLACEHOLDER_PREFIX + "https://s3.amazonaws.com/bucket/key}");
        }
        return all;
    }

    /**
     * The document as a device gets it at {@code now}: every placeholder replaced by a URL valid for
     * {@code config.expiresInSec} from {@code now} (truncated to the second, as X-Amz-Date is). A document without
     * placeholders, or a job without a configuration, is returned as it is.
     */
    public String expand(String document, PresignedUrlConfig config, Instant now) {
        if (document == null || config == null || !hasPlaceholder(document)) {
            return document;
        }
        Matcher m = PLACEHOLDER.matcher(document);
        StringBuilder out = new StringBuilder(document.length() + 512);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(sign(m.group(1), config.effectiveExpiresInSec(), now)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String sign(String url, long expiresInSec, Instant now) {
        String credential = ACCESS_KEY_ID + "/" + SCOPE_DATE.format(now) + "/" + region + "/s3/aws4_request";
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=" + URLEncoder.encode(credential, StandardCharsets.UTF_8)
                + "&X-Amz-Date=" + AMZ_DATE.format(now)
                + "&X-Amz-Expires=" + expiresInSec
                + "&X-Amz-SignedHeaders=host";
        return url + "?" + query + "&X-Amz-Signature=" + fakeSignature(url + "?" + query);
    }

    private static String fakeSignature(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
