package io.edgejobs.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Job document texts: validity checks, compaction, and embedding into a payload. */
public final class DocumentText {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentText.class);

    private DocumentText() {
    }

    /** Whether the text is exactly one JSON value (surrounding whitespace allowed, nothing after it). */
    public static boolean isValidJson(String text) {
        if (text == null) {
            return false;
        }
        try (JsonParser p = Json.TOLERANT.getFactory().createParser(text)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the text is exactly one JSON object. */
    public static boolean isJsonObject(String text) {
        if (!isValidJson(text)) {
            return false;
        }
        String trimmed = text.strip();
        return trimmed.startsWith("{");
    }

    /**
     * The text re-serialised without insignificant whitespace; decimals keep their digits (exponents normalised).
     *
     * @throws IllegalArgumentException when the text is not one JSON value
     */
    public static String compact(String text) {
        if (!isValidJson(text)) {
            throw new IllegalArgumentException("job document is not a single JSON value");
        }
        try {
            return compact(Json.TOLERANT.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("job document is not valid JSON: " + Json.describe(e), e);
        }
    }

    /** A JSON value as compact text. */
    public static String compact(JsonNode node) {
        try {
            return Json.TOLERANT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising a JSON tree failed", e);
        }
    }

    /**
     * Writes a document as an embedded JSON value (the MQTT form). A text that is not JSON cannot be embedded
     * without breaking the payload; it is written as a JSON string instead, and logged.
     */
    public static void writeEmbedded(JsonGenerator g, String field, String document) throws IOException {
        if (isValidJson(document)) {
            g.writeFieldName(field);
            g.writeRawValue(document.strip());
        } else {
            LOG.warn("Job document is not valid JSON; sending it as a JSON string ({} chars)", document.length());
            g.writeStringField(field, document);
        }
    }

    /** Reads a document from a payload field: an embedded value becomes its compact text, a string stays as is. */
    public static String read(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        return compact(value);
    }
}
