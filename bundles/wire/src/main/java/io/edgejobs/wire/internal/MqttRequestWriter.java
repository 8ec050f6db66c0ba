package io.edgejobs.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import java.io.IOException;
import java.util.Map;

/**
 * The MQTT request payloads the gateway publishes to AWS IoT Core for a device. Absent optional fields are left
 * out; Update's include flags only when true (false is the service's default).
 */
public final class MqttRequestWriter {

    public byte[] write(JobsRequest request) {
        return Json.bytes(g -> {
            g.writeStartObject();
            if (request instanceof StartNextPendingJobExecutionRequest r) {
                writeDetails(g, r.statusDetails());
                writeLong(g, "stepTimeoutInMinutes", r.stepTimeoutInMinutes());
            } else if (request instanceof DescribeJobExecutionRequest r) {
                writeLong(g, "executionNumber", r.executionNumber());
                if (r.includeJobDocument() != null) {
                    g.writeBooleanField("includeJobDocument", r.includeJobDocument());
                }
            } else if (request instanceof UpdateJobExecutionRequest r) {
                writeUpdate(g, r);
            }
            // GetPendingJobExecutionsRequest has no field but the clientToken.
            if (request.clientToken() != null) {
                g.writeStringField("clientToken", request.clientToken());
            }
            g.writeEndObject();
        });
    }

    private static void writeUpdate(JsonGenerator g, UpdateJobExecutionRequest r) throws IOException {
        g.writeStringField("status", r.status().name());
        writeDetails(g, r.statusDetails());
        writeLong(g, "expectedVersion", r.expectedVersion());
        writeLong(g, "executionNumber", r.executionNumber());
        if (r.includeJobExecutionState()) {
            g.writeBooleanField("includeJobExecutionState", true);
        }
        if (r.includeJobDocument()) {
            g.writeBooleanField("includeJobDocument", true);
        }
        writeLong(g, "stepTimeoutInMinutes", r.stepTimeoutInMinutes());
    }

    /** null means "leave unchanged" and is left out; an empty map is sent as {@code {}}. */
    private static void writeDetails(JsonGenerator g, Map<String, String> details) throws IOException {
        if (details == null) {
            return;
        }
        g.writeObjectFieldStart("statusDetails");
        for (Map.Entry<String, String> entry : details.entrySet()) {
            g.writeStringField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }

    private static void writeLong(JsonGenerator g, String field, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }
}
