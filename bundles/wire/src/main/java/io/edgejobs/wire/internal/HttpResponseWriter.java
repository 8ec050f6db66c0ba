package io.edgejobs.wire.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.wire.HttpJobsResponse;
import io.edgejobs.wire.TimestampUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rest-json answers of the iot-jobs-data service model: output shapes without clientToken and timestamp
 * (they are not members of the HTTPS shapes), the job document as a string, errors as status code +
 * {@code x-amzn-ErrorType} + {@code {"message":…}}.
 */
public final class HttpResponseWriter {
    /** Smithy's name for "no operation matches this request" in rest protocols. */
    public static final String UNKNOWN_OPERATION = "UnknownOperationException";

    private static final int MAX_ECHO = 200;

    private final ExecutionWriter writer;

    public HttpResponseWriter(TimestampUnit unit) {
        this.writer = new ExecutionWriter(WireStyle.https(unit));
    }

    public HttpJobsResponse getPending(GetPendingJobExecutionsResponse r) {
        return ok(Json.text(g -> {
            g.writeStartObject();
            writer.writeSummariesField(g, "inProgressJobs", r.inProgressJobs());
            writer.writeSummariesField(g, "queuedJobs", r.queuedJobs());
            g.writeEndObject();
        }));
    }

    public HttpJobsResponse startNext(StartNextPendingJobExecutionResponse r) {
        return execution(r.execution());
    }

    public HttpJobsResponse describe(DescribeJobExecutionResponse r) {
        return execution(r.execution());
    }

    public HttpJobsResponse update(UpdateJobExecutionResponse r) {
        return ok(Json.text(g -> {
            g.writeStartObject();
            if (r.executionState() != null) {
                writer.writeStateField(g, "executionState", r.executionState());
            }
            writer.writeDocument(g, "jobDocument", r.jobDocument());
            g.writeEndObject();
        }));
    }

    /**
     * An error answer. InvalidStateTransition and VersionMismatch (both InvalidStateTransitionException, 409)
     * also carry {@code executionState}, as the ErrorResponse documentation promises for those codes.
     */
    public HttpJobsResponse error(ErrorCode code, String message, JobExecutionState state) {
        String body = Json.text(g -> {
            g.writeStartObject();
            g.writeStringField("message", message == null ? code.wireName() : message);
            if (state != null && code.carriesExecutionState()) {
                writer.writeStateField(g, "executionState", state);
            }
            g.writeEndObject();
        });
        return response(code.httpStatus(), code.httpExceptionType(), body);
    }

    /** 404 UnknownOperationException for a method and path that name no operation. */
    public HttpJobsResponse unknownOperation(String method, String rawPath) {
        String body = Json.text(g -> {
            g.writeStartObject();
            g.writeStringField("message", "No operation matches " + abbreviate(method) + " " + abbreviate(rawPath));
            g.writeEndObject();
        });
        return response(404, UNKNOWN_OPERATION, body);
    }

    /** The request line is the caller's input: keep an echo of it short. */
    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }

    private HttpJobsResponse execution(JobExecution execution) {
        return ok(Json.text(g -> {
            g.writeStartObject();
            if (execution != null) {
                writer.writeExecutionField(g, "execution", execution, true);
            }
            g.writeEndObject();
        }));
    }

    private static HttpJobsResponse ok(String body) {
        return response(200, null, body);
    }

    private static HttpJobsResponse response(int status, String errorType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", HttpJobsResponse.CONTENT_TYPE);
        if (errorType != null) {
            headers.put(HttpJobsResponse.ERROR_TYPE_HEADER, errorType);
        }
        return new HttpJobsResponse(status, headers, body);
    }
}
