package io.edgejobs.store.sqlite.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * statusDetails as a JSON object of strings, in insertion order (the order devices sent, which AWS echoes).
 * Exact round trip: any Unicode text, and JSON null for a null value.
 */
final class StatusDetailsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private StatusDetailsJson() {
    }

    static String write(Map<String, String> details) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> entry : details.entrySet()) {
                generator.writeStringField(entry.getKey(), entry.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Parses what {@link #write} produced; anything else is a corrupt row. */
    static Map<String, String> read(String json) {
        Map<String, String> details = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, json);
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                expect(token == JsonToken.FIELD_NAME, json);
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                expect(value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL, json);
                details.put(key, value == JsonToken.VALUE_NULL ? null : parser.getText());
            }
            expect(parser.nextToken() == null, json);
        } catch (IOException e) {
            throw new StoreException("stored statusDetails are not a JSON object of strings: " + json, e);
        }
        return details;
    }

    private static void expect(boolean condition, String json) {
        if (!condition) {
            throw new StoreException("stored statusDetails are not a JSON object of strings: " + json);
        }
    }
}
