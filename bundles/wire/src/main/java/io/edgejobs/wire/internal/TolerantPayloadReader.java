package io.edgejobs.wire.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.wire.WireFormatException;
import java.io.IOException;

/** Reads a message from AWS IoT Core into a JSON object; an empty message reads as {@code {}}. */
public final class TolerantPayloadReader {
    private TolerantPayloadReader() {
    }

    /**
     * The message as a JSON object with its clientToken (if any) known for error reports.
     *
     * @throws WireFormatException InvalidJson when it is not JSON, InvalidRequest when it is not an object
     */
    public static TolerantFields read(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new TolerantFields(Json.TOLERANT.createObjectNode(), null);
        }
        JsonNode node;
        try {
            node = Json.TOLERANT.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new WireFormatException(ErrorCode.InvalidJson, "Message is not valid JSON: " + Json.describe(e),
                    ClientTokenSniffer.sniff(payload));
        } catch (IOException e) {
            throw new WireFormatException(ErrorCode.InvalidJson, "Message could not be read: " + e.getMessage(),
                    ClientTokenSniffer.sniff(payload));
        }
        if (node == null || node.isMissingNode()) {
            return new TolerantFields(Json.TOLERANT.createObjectNode(), null);
        }
        if (!node.isObject()) {
            throw new WireFormatException(ErrorCode.InvalidRequest,
                    "Message must be a JSON object, not " + StrictPayloadReader.kind(node), null);
        }
        JsonNode token = node.get("clientToken");
        return new TolerantFields(node, token != null && token.isTextual() ? token.textValue() : null);
    }
}
