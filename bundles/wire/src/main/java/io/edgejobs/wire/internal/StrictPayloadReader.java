package io.edgejobs.wire.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.wire.WireFormatException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a device's request payload into a JSON object, the way AWS IoT Jobs answers InvalidJson: "The contents
 * of the request could not be interpreted as valid UTF-8-encoded JSON."
 *
 * <p>The bytes are decoded with a strict UTF-8 decoder first (Jackson alone lets overlong forms and encoded
 * surrogates through). A zero-length or whitespace-only payload reads as {@code {}}, because devices publish an
 * empty message on {@code get}; a leading byte order mark is ignored (RFC 8259 allows parsers to).
 */
public final class StrictPayloadReader {
    private static final char BOM = '\uFEFF';

    private StrictPayloadReader() {
    }

    /**
     * The payload as a JSON object.
     *
     * @throws WireFormatException InvalidJson for bytes that are not UTF-8 JSON (with a best-effort clientToken),
     *         InvalidRequest for JSON that is not an object
     */
    public static ObjectNode readObject(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return Json.STRICT.createObjectNode();
        }
        String text = decodeUtf8(payload);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        JsonNode node;
        try {
            node = Json.STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new WireFormatException(ErrorCode.InvalidJson, "Payload is not valid JSON: " + Json.describe(e),
                    ClientTokenSniffer.sniff(text));
        }
        if (node == null || node.isMissingNode()) {
            return Json.STRICT.createObjectNode();
        }
        if (!node.isObject()) {
            throw new WireFormatException(ErrorCode.InvalidRequest,
                    "Payload must be a JSON object, not " + kind(node), null);
        }
        return (ObjectNode) node;
    }

    private static String decodeUtf8(byte[] payload) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException(ErrorCode.InvalidJson, "Payload is not valid UTF-8",
                    ClientTokenSniffer.sniff(payload));
        }
    }

    /** The JSON kind of a node, for messages. */
    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
