package io.edgejobs.wire;

import io.edgejobs.wire.internal.DocumentText;

/**
 * Job document texts, as the api records hold them ({@code JobExecution.jobDocument()}): checks and a compact
 * form for storing or embedding. Limits such as the 32 KB maximum are the validator's business, not this class's.
 */
public final class JobDocuments {
    private JobDocuments() {
    }

    /** Whether the text is exactly one JSON value (RFC 8259; surrounding whitespace allowed, nothing after). */
    public static boolean isValidJson(String text) {
        return DocumentText.isValidJson(text);
    }

    /** Whether the text is exactly one JSON object, the form AWS job documents take. */
    public static boolean isJsonObject(String text) {
        return DocumentText.isJsonObject(text);
    }

    /**
     * The document without insignificant whitespace, key order kept, decimals keeping their digits ({@code 1.50}
     * stays {@code 1.50}; exponents are normalised, {@code 1e3} becomes {@code 1E+3}); for a repeated key the last
     * value wins. The form to store and to embed in MQTT payloads.
     *
     * @throws IllegalArgumentException when the text is not one JSON value
     */
    public static String compact(String text) {
        return DocumentText.compact(text);
    }
}
