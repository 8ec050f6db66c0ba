package io.edgejobs.wire.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The Jackson configurations of the codec. All are thread-safe and shared. */
public final class Json {
    /**
     * Device requests and HTTPS bodies: RFC 8259 JSON only, duplicate keys and trailing content rejected, so the
     * gateway never reads a payload differently from the service it forwards it to.
     */
    public static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Messages from AWS IoT Core and stored documents: decimals kept exactly as written, so a job document
     * arriving as an object is turned back into text without changing its numbers.
     */
    public static final JsonMapper TOLERANT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Best-effort reading of broken payloads, only to find their clientToken. */
    public static final JsonFactory LENIENT = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private Json() {
    }

    /** Writes one JSON value with a generator and returns its UTF-8 bytes. */
    public static byte[] bytes(JsonWriting writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = STRICT.getFactory().createGenerator(out)) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes one JSON value with a generator and returns its text. */
    public static String text(JsonWriting writing) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = STRICT.getFactory().createGenerator(out)) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern SOURCE_LOCATION = java.util.regex.Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    /** Jackson's message without the source excerpt, plus line and column: safe to put in an error answer. */
    public static String describe(JsonProcessingException e) {
        // Jackson names other locations inside the message as "[Source: REDACTED (...); line: 1, column: 1]"
        String message = SOURCE_LOCATION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }

    /** One JSON value written to a generator. */
    @FunctionalInterface
    public interface JsonWriting {
        void write(JsonGenerator generator) throws IOException;
    }
}
