package io.edgejobs.emulator.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.emulator.internal.cloud.ControlPlaneException;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer: status, JSON body (or none), and for errors the rest-json {@code x-amzn-ErrorType} header.
 *
 * @param status the HTTP status
 * @param body the body bytes, empty for none
 * @param errorType the AWS exception name, or null for a success
 */
record HttpReply(int status, byte[] body, String errorType) {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static HttpReply ok(JsonNode json) {
        return new HttpReply(200, bytes(json), null);
    }

    /** 200 without a body: the operations whose output shape is empty (DeleteJob, CancelJobExecution, ...). */
    static HttpReply empty() {
        return new HttpReply(200, new byte[0], null);
    }

    static HttpReply error(ControlPlaneException e) {
        ObjectNode body = MAPPER.createObjectNode().put("message", e.getMessage());
        return new HttpReply(e.httpStatus(), bytes(body), e.errorType());
    }

    static HttpReply error(int status, String errorType, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("message", message);
        return new HttpReply(status, bytes(body), errorType);
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
