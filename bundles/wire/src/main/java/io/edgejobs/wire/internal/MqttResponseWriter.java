package io.edgejobs.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The MQTT payloads the gateway (or AWS) publishes to a device: accepted, rejected, notify and notify-next. */
public final class MqttResponseWriter {
    /** IN_PROGRESS before QUEUED, as jobs-comm-notifications.md lists them; any other status after. */
    private static final List<JobExecutionStatus> NOTIFY_ORDER = notifyOrder();

    private final ExecutionWriter writer = new ExecutionWriter(WireStyle.MQTT);

    private static List<JobExecutionStatus> notifyOrder() {
        List<JobExecutionStatus> order = new ArrayList<>(List.of(JobExecutionStatus.IN_PROGRESS,
                JobExecutionStatus.QUEUED));
        for (JobExecutionStatus s : JobExecutionStatus.values()) {
            if (!order.contains(s)) {
                order.add(s);
            }
        }
        return List.copyOf(order);
    }

    public byte[] getPending(GetPendingJobExecutionsResponse r) {
        return Json.bytes(g -> {
            g.writeStartObject();
            writer.writeSummariesField(g, "inProgressJobs", r.inProgressJobs());
            writer.writeSummariesField(g, "queuedJobs", r.queuedJobs());
            trailer(g, r.timestamp(), r.clientToken());
            g.writeEndObject();
        });
    }

    public byte[] startNext(StartNextPendingJobExecutionResponse r) {
        return executionAnswer(r.execution(), r.timestamp(), r.clientToken());
    }

    public byte[] describe(DescribeJobExecutionResponse r) {
        return executionAnswer(r.execution(), r.timestamp(), r.clientToken());
    }

    public byte[] update(UpdateJobExecutionResponse r) {
        return Json.bytes(g -> {
            g.writeStartObject();
            if (r.executionState() != null) {
                writer.writeStateField(g, "executionState", r.executionState());
            }
            writer.writeDocument(g, "jobDocument", r.jobDocument());
            trailer(g, r.timestamp(), r.clientToken());
            g.writeEndObject();
        });
    }

    /** jobs-api.md ErrorResponse: {@code {"code","message","clientToken","timestamp","executionState"}}. */
    public byte[] error(ErrorResponse e) {
        return Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("code", e.code().wireName());
            if (e.message() != null) {
                g.writeStringField("message", e.message());
            }
            if (e.clientToken() != null) {
                g.writeStringField("clientToken", e.clientToken());
            }
            writer.writeTime(g, "timestamp", e.timestamp());
            if (e.executionState() != null && e.code().carriesExecutionState()) {
                writer.writeStateField(g, "executionState", e.executionState());
            }
            g.writeEndObject();
        });
    }

    /**
     * notify: {@code {"timestamp":…,"jobs":{"IN_PROGRESS":[…],"QUEUED":[…]}}}, IN_PROGRESS first as in the AWS
     * examples, empty groups left out, so an empty queue is {@code "jobs":{}}.
     */
    public byte[] jobExecutionsChanged(JobExecutionsChangedEvent event) {
        return Json.bytes(g -> {
            g.writeStartObject();
            writer.writeTime(g, "timestamp", event.timestamp());
            g.writeObjectFieldStart("jobs");
            for (JobExecutionStatus status : NOTIFY_ORDER) {
                List<JobExecutionSummary> group = event.jobs().get(status);
                if (group != null && !group.isEmpty()) {
                    writer.writeSummariesField(g, status.name(), group);
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** notify-next: {@code {"timestamp":…,"execution":{…}}}, or only the timestamp when nothing is pending. */
    public byte[] nextJobExecutionChanged(NextJobExecutionChangedEvent event) {
        return Json.bytes(g -> {
            g.writeStartObject();
            writer.writeTime(g, "timestamp", event.timestamp());
            if (event.execution() != null) {
                writer.writeExecutionField(g, "execution", event.execution(), false);
            }
            g.writeEndObject();
        });
    }

    private byte[] executionAnswer(JobExecution execution, Instant timestamp, String clientToken) {
        return Json.bytes(g -> {
            g.writeStartObject();
            if (execution != null) {
                writer.writeExecutionField(g, "execution", execution, true);
            }
            trailer(g, timestamp, clientToken);
            g.writeEndObject();
        });
    }

    private void trailer(JsonGenerator g, Instant timestamp, String clientToken) throws IOException {
        writer.writeTime(g, "timestamp", timestamp);
        if (clientToken != null) {
            g.writeStringField("clientToken", clientToken);
        }
    }
}
