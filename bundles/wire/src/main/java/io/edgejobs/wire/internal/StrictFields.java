package io.edgejobs.wire.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.wire.WireFormatException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed reads of a request object's fields with JSON types enforced: a field of the wrong type is InvalidRequest,
 * an absent field or a JSON {@code null} is "not given". Numbers must be JSON integers that fit a long (no
 * fractions, no numeric strings); booleans must be {@code true}/{@code false}. Only types are checked here:
 * ranges, patterns and lengths are the api bundle's RequestValidator's business.
 */
public final class StrictFields {
    private static final String CLIENT_TOKEN = "clientToken";

    private final ObjectNode node;
    private final String clientToken;

    private StrictFields(ObjectNode node, String clientToken) {
        this.node = node;
        this.clientToken = clientToken;
    }

    /** Reads the object's clientToken first, so that every later error can echo it. */
    public static StrictFields withClientToken(ObjectNode node) {
        JsonNode token = node.get(CLIENT_TOKEN);
        if (token == null || token.isNull()) {
            return new StrictFields(node, null);
        }
        if (!token.isTextual()) {
            throw new WireFormatException(ErrorCode.InvalidRequest,
                    "clientToken must be a string, not " + StrictPayloadReader.kind(token), null);
        }
        return new StrictFields(node, token.textValue());
    }

    /** For HTTPS bodies, whose shapes have no clientToken: the field is ignored like any unknown one. */
    public static StrictFields withoutClientToken(ObjectNode node) {
        return new StrictFields(node, null);
    }

    /** The request's clientToken, or null. */
    public String clientToken() {
        return clientToken;
    }

    /** An optional integer field. */
    public Long optionalLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(field + " must be an integer (long), not " + describe(value));
        }
        return value.longValue();
    }

    /** An optional boolean field, or the default when absent. */
    public boolean optionalBoolean(String field, boolean defaultValue) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw invalid(field + " must be a boolean, not " + describe(value));
        }
        return value.booleanValue();
    }

    /** The optional statusDetails object of string values; null when absent (details left unchanged). */
    public Map<String, String> optionalStatusDetails() {
        JsonNode value = node.get("statusDetails");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid("statusDetails must be an object of string values, not " + describe(value));
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw invalid("statusDetails." + entry.getKey() + " must be a string, not "
                        + describe(entry.getValue()));
            }
            details.put(entry.getKey(), entry.getValue().textValue());
        }
        return details;
    }

    /** The required status field, one of the eight JobExecutionStatus names. */
    public JobExecutionStatus requiredStatus() {
        JsonNode value = node.get("status");
        if (value == null || value.isNull()) {
            throw invalid("status is required");
        }
        if (!value.isTextual()) {
            throw invalid("status must be a string, not " + describe(value));
        }
        JobExecutionStatus status = JobExecutionStatus.fromWire(value.textValue());
        if (status == null) {
            throw invalid("status '" + value.textValue() + "' is not a job execution status");
        }
        return status;
    }

    private WireFormatException invalid(String message) {
        return new WireFormatException(ErrorCode.InvalidRequest, message, clientToken);
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "the string \"" + abbreviate(value.textValue()) + "\"";
        }
        if (value.isValueNode()) {
            return StrictPayloadReader.kind(value) + " (" + abbreviate(value.asText()) + ")";
        }
        return StrictPayloadReader.kind(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
