package io.edgejobs.wire.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.wire.HttpRoute;
import io.edgejobs.wire.WireFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTTPS request: the body (PUT $next, POST update) with the same strict rules as an MQTT payload, the
 * DescribeJobExecution query parameters {@code executionNumber} and {@code includeJobDocument} converted to
 * their JSON types. GET bodies and other query parameters are ignored.
 */
public final class HttpRequestDecoder {
    private final RequestDecoder decoder = RequestDecoder.https();

    public JobsRequest decode(HttpRoute route, Map<String, List<String>> query, byte[] body) {
        ObjectNode fields = switch (route.operation()) {
            case GET_PENDING_JOB_EXECUTIONS -> Json.STRICT.createObjectNode();
            case DESCRIBE_JOB_EXECUTION -> queryFields(query == null ? Map.of() : query);
            case START_NEXT_PENDING_JOB_EXECUTION, UPDATE_JOB_EXECUTION -> StrictPayloadReader.readObject(body);
        };
        return decoder.decode(route.operation(), route.thingName(),
                route.operation() == JobsOperation.GET_PENDING_JOB_EXECUTIONS ? null : route.jobId(), fields);
    }

    private static ObjectNode queryFields(Map<String, List<String>> query) {
        ObjectNode fields = Json.STRICT.createObjectNode();
        String executionNumber = first(query, "executionNumber");
        if (executionNumber != null) {
            try {
                fields.put("executionNumber", Long.parseLong(executionNumber));
            } catch (NumberFormatException e) {
                throw invalid("executionNumber must be an integer (long), not \"" + executionNumber + "\"");
            }
        }
        String includeJobDocument = first(query, "includeJobDocument");
        if (includeJobDocument != null) {
            switch (includeJobDocument.toLowerCase(Locale.ROOT)) {
                case "true" -> fields.put("includeJobDocument", true);
                case "false" -> fields.put("includeJobDocument", false);
                default -> throw invalid("includeJobDocument must be true or false, not \"" + includeJobDocument + "\"");
            }
        }
        return fields;
    }

    /** The first value of a parameter; an empty value counts as absent. */
    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
            return null;
        }
        return values.get(0);
    }

    private static WireFormatException invalid(String message) {
        return new WireFormatException(ErrorCode.InvalidRequest, message, null);
    }
}
