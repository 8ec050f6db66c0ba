package io.edgejobs.wire.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what AWS IoT Core publishes to the gateway (accepted, rejected, notify, notify-next) into the api
 * records, tolerant of unknown fields, of either timestamp unit and of documents as objects or strings.
 */
public final class UpstreamReader {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamReader.class);

    private final Clock clock;

    public UpstreamReader(Clock clock) {
        this.clock = clock;
    }

    public GetPendingJobExecutionsResponse getPending(byte[] payload) {
        TolerantFields f = TolerantPayloadReader.read(payload);
        return new GetPendingJobExecutionsResponse(summaries(f, f.node().get("inProgressJobs"), "inProgressJobs"),
                summaries(f, f.node().get("queuedJobs"), "queuedJobs"), f.instant("timestamp"),
                f.text("clientToken"));
    }

    public StartNextPendingJobExecutionResponse startNext(String thingName, byte[] payload) {
        TolerantFields f = TolerantPayloadReader.read(payload);
        return new StartNextPendingJobExecutionResponse(execution(f.object("execution"), thingName, null),
                f.instant("timestamp"), f.text("clientToken"));
    }

    public DescribeJobExecutionResponse describe(String thingName, String jobId, byte[] payload) {
        TolerantFields f = TolerantPayloadReader.read(payload);
        String jobIdFallback = DescribeJobExecutionRequest.NEXT.equals(jobId) ? null : jobId;
        return new DescribeJobExecutionResponse(execution(f.object("execution"), thingName, jobIdFallback),
                f.instant("timestamp"), f.text("clientToken"));
    }

    public UpdateJobExecutionResponse update(byte[] payload) {
        TolerantFields f = TolerantPayloadReader.read(payload);
        TolerantFields state = f.object("executionState");
        return new UpdateJobExecutionResponse(state == null ? null : state(state), f.document("jobDocument"),
                f.instant("timestamp"), f.text("clientToken"));
    }

    /**
     * An ErrorResponse. A code this API does not know (a newer service) becomes InternalError with the original
     * code kept in the message; a missing timestamp becomes the time of reading.
     */
    public ErrorResponse error(byte[] payload) {
        TolerantFields f = TolerantPayloadReader.read(payload);
        String wireCode = f.text("code");
        String message = f.text("message");
        ErrorCode code = ErrorCode.fromWire(wireCode);
        if (code == null) {
            LOG.warn("Upstream ErrorResponse has unknown code {}; treating it as InternalError", wireCode);
            code = ErrorCode.InternalError;
            message = "[" + wireCode + "] " + (message == null ? "" : message);
        }
        Instant timestamp = f.instant("timestamp");
        TolerantFields state = f.object("executionState");
        return new ErrorResponse(code, message, f.text("clientToken"), timestamp == null ? clock.instant() : timestamp,
                state == null ? null : state(state));
    }

    /** notify; status groups this API does not know are skipped (and logged). */
    public JobExecutionsChangedEvent jobExecutionsChanged(byte[] payload) {
        TolerantFields f = TolerantPayloadReader.read(payload);
        Map<JobExecutionStatus, List<JobExecutionSummary>> jobs = new LinkedHashMap<>();
        TolerantFields groups = f.object("jobs");
        if (groups != null) {
            for (Map.Entry<String, JsonNode> group : groups.node().properties()) {
                JobExecutionStatus status = JobExecutionStatus.fromWire(group.getKey());
                if (status == null) {
                    LOG.warn("notify message lists unknown status group {}; skipped", group.getKey());
                    continue;
                }
                jobs.put(status, summaries(f, group.getValue(), "jobs." + group.getKey()));
            }
        }
        return new JobExecutionsChangedEvent(jobs, f.instant("timestamp"));
    }

    /** notify-next; the execution carries no thingName in AWS's examples, so the topic's is used. */
    public NextJobExecutionChangedEvent nextJobExecutionChanged(String thingName, byte[] payload) {
        TolerantFields f = TolerantPayloadReader.read(payload);
        return new NextJobExecutionChangedEvent(execution(f.object("execution"), thingName, null),
                f.instant("timestamp"));
    }

    private static JobExecution execution(TolerantFields e, String thingName, String jobIdFallback) {
        if (e == null) {
            return null;
        }
        String jobId = e.text("jobId");
        if (jobId == null) {
            jobId = jobIdFallback;
        }
        if (jobId == null) {
            throw e.invalid("execution.jobId is missing");
        }
        String thing = e.text("thingName");
        return new JobExecution(jobId, thing == null ? thingName : thing, e.document("jobDocument"), status(e),
                e.details("statusDetails"), e.instant("queuedAt"), e.instant("startedAt"), e.instant("lastUpdatedAt"),
                e.longOr("versionNumber", 0), e.longOr("executionNumber", 0),
                e.optionalLong("approximateSecondsBeforeTimedOut"));
    }

    private static JobExecutionState state(TolerantFields s) {
        return new JobExecutionState(status(s), s.details("statusDetails"), s.longOr("versionNumber", 0));
    }

    private static JobExecutionStatus status(TolerantFields f) {
        String name = f.requiredText("status");
        JobExecutionStatus status = JobExecutionStatus.fromWire(name);
        if (status == null) {
            throw f.invalid("status '" + name + "' is not a job execution status");
        }
        return status;
    }

    private static List<JobExecutionSummary> summaries(TolerantFields owner, JsonNode array, String field) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw owner.invalid(field + " must be an array");
        }
        List<JobExecutionSummary> list = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw owner.invalid(field + " must hold objects");
            }
            TolerantFields s = owner.child(item);
            list.add(new JobExecutionSummary(s.requiredText("jobId"), s.instant("queuedAt"), s.instant("startedAt"),
                    s.instant("lastUpdatedAt"), s.longOr("versionNumber", 0), s.longOr("executionNumber", 0)));
        }
        return list;
    }
}
