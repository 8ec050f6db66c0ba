package io.edgejobs.emulator.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.Timeouts;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.emulator.internal.cloud.Arns;
import io.edgejobs.emulator.internal.cloud.CloudExecution;
import io.edgejobs.emulator.internal.cloud.Job;
import io.edgejobs.emulator.internal.cloud.JobProcessDetails;
import io.edgejobs.emulator.internal.cloud.RetryCriterion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON shapes of the AWS IoT control plane (iot 2015-05-28, rest-json) for jobs and job executions. Member
 * names follow the service model; timestamps are epoch seconds with a millisecond fraction, the rest-json default
 * the AWS SDKs and CLI read.
 */
final class ControlPlaneJson {

    private final Arns arns;

    ControlPlaneJson(Arns arns) {
        this.arns = arns;
    }

    static ObjectNode object() {
        return HttpReply.MAPPER.createObjectNode();
    }

    /** The {@code job} member of DescribeJob. */
    ObjectNode job(Job job, JobProcessDetails details) {
        ObjectNode n = object();
        n.put("jobArn", job.jobArn());
        n.put("jobId", job.jobId());
        n.put("targetSelection", job.targetSelection().name());
        n.put("status", job.status().name());
        n.put("forceCanceled", job.forceCanceled());
        putIfNotNull(n, "reasonCode", job.reasonCode());
        putIfNotNull(n, "comment", job.comment());
        ArrayNode targets = n.putArray("targets");
        job.targets().forEach(targets::add);
        putIfNotNull(n, "description", job.description());
        time(n, "createdAt", job.createdAt());
        time(n, "lastUpdatedAt", job.lastUpdatedAt());
        time(n, "completedAt", job.completedAt());
        ObjectNode process = n.putObject("jobProcessDetails");
        process.put("numberOfCanceledThings", details.count(JobExecutionStatus.CANCELED));
        process.put("numberOfSucceededThings", details.count(JobExecutionStatus.SUCCEEDED));
        process.put("numberOfFailedThings", details.count(JobExecutionStatus.FAILED));
        process.put("numberOfRejectedThings", details.count(JobExecutionStatus.REJECTED));
        process.put("numberOfQueuedThings", details.count(JobExecutionStatus.QUEUED));
        process.put("numberOfInProgressThings", details.count(JobExecutionStatus.IN_PROGRESS));
        process.put("numberOfRemovedThings", details.count(JobExecutionStatus.REMOVED));
        process.put("numberOfTimedOutThings", details.count(JobExecutionStatus.TIMED_OUT));
        if (job.inProgressTimeoutInMinutes() != null) {
            n.putObject("timeoutConfig").put("inProgressTimeoutInMinutes", job.inProgressTimeoutInMinutes());
        }
        if (!job.retryCriteria().isEmpty()) {
            ArrayNode list = n.putObject("jobExecutionsRetryConfig").putArray("criteriaList");
            for (RetryCriterion c : job.retryCriteria()) {
                list.addObject().put("failureType", c.failureType().name()).put("numberOfRetries", c.numberOfRetries());
            }
        }
        if (job.presignedUrlConfig() != null) {
            ObjectNode presigned = n.putObject("presignedUrlConfig");
            putIfNotNull(presigned, "roleArn", job.presignedUrlConfig().roleArn());
            presigned.put("expiresInSec", job.presignedUrlConfig().effectiveExpiresInSec());
        }
        n.put("isConcurrent", false);
        if (job.echoedConfig() != null) {
            JsonNode echoed = parse(job.echoedConfig());
            for (Iterator<Map.Entry<String, JsonNode>> it = echoed.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                n.set(e.getKey(), e.getValue());
            }
        }
        return n;
    }

    /** A ListJobs {@code JobSummary}. */
    ObjectNode jobSummary(Job job) {
        ObjectNode n = object();
        n.put("jobArn", job.jobArn());
        n.put("jobId", job.jobId());
        n.put("targetSelection", job.targetSelection().name());
        n.put("status", job.status().name());
        time(n, "createdAt", job.createdAt());
        time(n, "lastUpdatedAt", job.lastUpdatedAt());
        time(n, "completedAt", job.completedAt());
        n.put("isConcurrent", false);
        return n;
    }

    /** The control plane's {@code JobExecution} (DescribeJobExecution): no document, details under detailsMap. */
    ObjectNode execution(CloudExecution execution, Instant now) {
        ExecutionRecord r = execution.record();
        ObjectNode n = object();
        n.put("jobId", r.jobId());
        n.put("status", r.status().name());
        n.put("forceCanceled", execution.forceCanceled());
        ObjectNode details = n.putObject("statusDetails").putObject("detailsMap");
        r.statusDetails().forEach(details::put);
        n.put("thingArn", arns.thing(r.thingName()));
        time(n, "queuedAt", r.queuedAt());
        time(n, "startedAt", r.startedAt());
        time(n, "lastUpdatedAt", r.lastUpdatedAt());
        n.put("executionNumber", r.executionNumber());
        n.put("versionNumber", r.versionNumber());
        if (r.status() == JobExecutionStatus.IN_PROGRESS) {
            Long seconds = Timeouts.approximateSecondsBeforeTimedOut(r.timers(), now);
            if (seconds != null) {
                n.put("approximateSecondsBeforeTimedOut", seconds);
            }
        }
        return n;
    }

    /** A {@code JobExecutionSummary} of the two list operations. */
    ObjectNode executionSummary(CloudExecution execution) {
        ExecutionRecord r = execution.record();
        ObjectNode n = object();
        n.put("status", r.status().name());
        time(n, "queuedAt", r.queuedAt());
        time(n, "startedAt", r.startedAt());
        time(n, "lastUpdatedAt", r.lastUpdatedAt());
        n.put("executionNumber", r.executionNumber());
        n.put("retryAttempt", execution.retryAttempt());
        return n;
    }

    /** Epoch seconds with a millisecond fraction, e.g. {@code 1700000000.123}; left out when null. */
    static void time(ObjectNode n, String field, Instant at) {
        if (at != null) {
            n.put(field, BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3));
        }
    }

    private static void putIfNotNull(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return HttpReply.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored configuration is not JSON", e);
        }
    }
}
