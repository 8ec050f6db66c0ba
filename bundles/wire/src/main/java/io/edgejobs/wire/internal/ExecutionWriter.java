package io.edgejobs.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the JobExecution, JobExecutionState and JobExecutionSummary data types in the field order of
 * jobs-mqtt-https-api.md, omitting what is absent as AWS does: null times (startedAt while QUEUED), a null
 * document, and empty statusDetails.
 */
public final class ExecutionWriter {
    private final WireStyle style;

    public ExecutionWriter(WireStyle style) {
        this.style = style;
    }

    /**
     * Writes a JobExecution object as a field.
     *
     * @param withThingName false for notify-next, whose AWS examples carry no thingName
     */
    public void writeExecutionField(JsonGenerator g, String field, JobExecution e, boolean withThingName)
            throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("jobId", e.jobId());
        if (withThingName) {
            g.writeStringField("thingName", e.thingName());
        }
        writeDocument(g, "jobDocument", e.jobDocument());
        g.writeStringField("status", e.status().name());
        writeStatusDetails(g, e.statusDetails());
        writeTime(g, "queuedAt", e.queuedAt());
        writeTime(g, "startedAt", e.startedAt());
        writeTime(g, "lastUpdatedAt", e.lastUpdatedAt());
        if (style.writesApproximateSecondsBeforeTimedOut() && e.approximateSecondsBeforeTimedOut() != null) {
            g.writeNumberField("approximateSecondsBeforeTimedOut", e.approximateSecondsBeforeTimedOut());
        }
        g.writeNumberField("versionNumber", e.versionNumber());
        g.writeNumberField("executionNumber", e.executionNumber());
        g.writeEndObject();
    }

    /** Writes a JobExecutionState object as a field. */
    public void writeStateField(JsonGenerator g, String field, JobExecutionState state) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("status", state.status().name());
        writeStatusDetails(g, state.statusDetails());
        g.writeNumberField("versionNumber", state.versionNumber());
        g.writeEndObject();
    }

    /** Writes an array of JobExecutionSummary objects as a field. */
    public void writeSummariesField(JsonGenerator g, String field, List<JobExecutionSummary> summaries)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (JobExecutionSummary s : summaries) {
            writeSummary(g, s);
        }
        g.writeEndArray();
    }

    private void writeSummary(JsonGenerator g, JobExecutionSummary s) throws IOException {
        g.writeStartObject();
        g.writeStringField("jobId", s.jobId());
        writeTime(g, "queuedAt", s.queuedAt());
        writeTime(g, "startedAt", s.startedAt());
        writeTime(g, "lastUpdatedAt", s.lastUpdatedAt());
        g.writeNumberField("versionNumber", s.versionNumber());
        g.writeNumberField("executionNumber", s.executionNumber());
        g.writeEndObject();
    }

    /** Writes a job document field in this style's form; nothing when the document is null. */
    public void writeDocument(JsonGenerator g, String field, String document) throws IOException {
        if (document == null) {
            return;
        }
        if (style.documentAsObject()) {
            DocumentText.writeEmbedded(g, field, document);
        } else {
            g.writeStringField(field, document);
        }
    }

    /** Writes an epoch time field in this style's unit; nothing when the time is null. */
    public void writeTime(JsonGenerator g, String field, Instant time) throws IOException {
        if (time != null) {
            g.writeNumberField(field, style.timestampUnit().toEpoch(time));
        }
    }

    private static void writeStatusDetails(JsonGenerator g, Map<String, String> details) throws IOException {
        if (details == null || details.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("statusDetails");
        for (Map.Entry<String, String> entry : details.entrySet()) {
            g.writeStringField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }
}
