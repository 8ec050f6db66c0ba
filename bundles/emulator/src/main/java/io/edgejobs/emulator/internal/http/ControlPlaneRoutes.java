package io.edgejobs.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.emulator.internal.cloud.CloudExecution;
import io.edgejobs.emulator.internal.cloud.ControlPlane;
import io.edgejobs.emulator.internal.cloud.ControlPlaneException;
import io.edgejobs.emulator.internal.cloud.CreateJobSpec;
import io.edgejobs.emulator.internal.cloud.Job;
import io.edgejobs.emulator.internal.cloud.JobsCloud;
import io.edgejobs.emulator.internal.cloud.Page;
import io.edgejobs.emulator.internal.cloud.PresignedUrlConfig;
import io.edgejobs.emulator.internal.cloud.RetryCriterion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS IoT control-plane operations the emulator serves, with the request paths, query parameters and JSON
 * member names of the iot 2015-05-28 service model (as the AWS SDK for Java v2 {@code IotClient} marshals them).
 */
final class ControlPlaneRoutes {

    /** CreateJob members AWS accepts and the emulator stores and shows back, but does not act on. */
    private static final List<String> ECHOED = List.of("jobExecutionsRolloutConfig", "abortConfig");

    /** CreateJob members the emulator cannot honour; refused rather than silently ignored. */
    private static final List<String> UNSUPPORTED = List.of("jobTemplateArn", "documentParameters",
            "schedulingConfig", "destinationPackageVersions");

    private final ControlPlane controlPlane;
    private final JobsCloud cloud;
    private final ControlPlaneJson json;

    ControlPlaneRoutes(ControlPlane controlPlane, JobsCloud cloud) {
        this.controlPlane = controlPlane;
        this.cloud = cloud;
        this.json = new ControlPlaneJson(controlPlane.arns());
    }

    void register(HttpRouter router) {
        router.add("PUT", "/jobs/{jobId}", "CreateJob", this::createJob)
                .add("GET", "/jobs/{jobId}", "DescribeJob", this::describeJob)
                .add("GET", "/jobs", "ListJobs", this::listJobs)
                .add("PUT", "/jobs/{jobId}/cancel", "CancelJob", this::cancelJob)
                .add("DELETE", "/jobs/{jobId}", "DeleteJob", this::deleteJob)
                .add("GET", "/jobs/{jobId}/job-document", "GetJobDocument", this::getJobDocument)
                .add("GET", "/jobs/{jobId}/things", "ListJobExecutionsForJob", this::listForJob)
                .add("GET", "/things/{thingName}/jobs", "ListJobExecutionsForThing", this::listForThing)
                .add("GET", "/things/{thingName}/jobs/{jobId}", "DescribeJobExecution", this::describeExecution)
                .add("PUT", "/things/{thingName}/jobs/{jobId}/cancel", "CancelJobExecution", this::cancelExecution)
                .add("DELETE", "/things/{thingName}/jobs/{jobId}/executionNumber/{executionNumber}",
                        "DeleteJobExecution", this::deleteExecution);
    }

    private HttpReply createJob(HttpCall call) {
        JsonNode body = call.json();
        for (String member : UNSUPPORTED) {
            if (body.hasNonNull(member)) {
                throw ControlPlaneException.invalidRequest(member + " is not supported by the emulator");
            }
        }
        ObjectNode echoed = ControlPlaneJson.object();
        ECHOED.stream().filter(body::hasNonNull).forEach(m -> echoed.set(m, body.get(m)));
        JsonNode timeout = body.path("timeoutConfig").path("inProgressTimeoutInMinutes");
        CreateJobSpec spec = new CreateJobSpec(call.pathParam("jobId"), strings(body, "targets"),
                text(body, "document"), text(body, "documentSource"), text(body, "description"),
                text(body, "targetSelection"), timeout.isMissingNode() || timeout.isNull() ? null : longValue(timeout,
                        "timeoutConfig.inProgressTimeoutInMinutes"), retryCriteria(body),
                echoed.isEmpty() ? null : echoed.toString(), presignedUrlConfig(body));
        Job job = controlPlane.createJob(spec);
        return HttpReply.ok(jobReference(job));
    }

    private HttpReply describeJob(HttpCall call) {
        Job job = controlPlane.describeJob(call.pathParam("jobId"));
        ObjectNode n = ControlPlaneJson.object();
        n.set("job", json.job(job, controlPlane.processDetails(job)));
        return HttpReply.ok(n);
    }

    private HttpReply listJobs(HttpCall call) {
        if (call.query("thingGroupName") != null || call.query("thingGroupId") != null) {
            throw ControlPlaneException.invalidRequest("thing groups are not supported by the emulator");
        }
        Page<Job> page = controlPlane.listJobs(call.query("status"), call.query("targetSelection"),
                call.queryInt("maxResults"), call.query("nextToken"));
        ObjectNode n = ControlPlaneJson.object();
        ArrayNode jobs = n.putArray("jobs");
        page.items().forEach(j -> jobs.add(json.jobSummary(j)));
        putToken(n, page);
        return HttpReply.ok(n);
    }

    private HttpReply cancelJob(HttpCall call) {
        JsonNode body = call.json();
        Job job = controlPlane.cancelJob(call.pathParam("jobId"), call.queryBoolean("force"),
                text(body, "reasonCode"), text(body, "comment"));
        return HttpReply.ok(jobReference(job));
    }

    private HttpReply deleteJob(HttpCall call) {
        controlPlane.deleteJob(call.pathParam("jobId"), call.queryBoolean("force"));
        return HttpReply.empty();
    }

    private HttpReply getJobDocument(HttpCall call) {
        ObjectNode n = ControlPlaneJson.object();
        n.put("document", controlPlane.jobDocument(call.pathParam("jobId")));
        return HttpReply.ok(n);
    }

    private HttpReply listForJob(HttpCall call) {
        Page<CloudExecution> page = controlPlane.listJobExecutionsForJob(call.pathParam("jobId"),
                call.query("status"), call.queryInt("maxResults"), call.query("nextToken"));
        ObjectNode n = ControlPlaneJson.object();
        ArrayNode list = n.putArray("executionSummaries");
        for (CloudExecution e : page.items()) {
            ObjectNode item = list.addObject();
            item.put("thingArn", controlPlane.arns().thing(e.record().thingName()));
            item.set("jobExecutionSummary", json.executionSummary(e));
        }
        putToken(n, page);
        return HttpReply.ok(n);
    }

    private HttpReply listForThing(HttpCall call) {
        Page<CloudExecution> page = controlPlane.listJobExecutionsForThing(call.pathParam("thingName"),
                call.query("status"), call.query("jobId"), call.queryInt("maxResults"), call.query("nextToken"));
        ObjectNode n = ControlPlaneJson.object();
        ArrayNode list = n.putArray("executionSummaries");
        for (CloudExecution e : page.items()) {
            ObjectNode item = list.addObject();
            item.put("jobId", e.record().jobId());
            item.set("jobExecutionSummary", json.executionSummary(e));
        }
        putToken(n, page);
        return HttpReply.ok(n);
    }

    private HttpReply describeExecution(HttpCall call) {
        CloudExecution e = controlPlane.describeJobExecution(call.pathParam("jobId"), call.pathParam("thingName"),
                call.queryLong("executionNumber"));
        ObjectNode n = ControlPlaneJson.object();
        n.set("execution", json.execution(e, cloud.now()));
        return HttpReply.ok(n);
    }

    private HttpReply cancelExecution(HttpCall call) {
        JsonNode body = call.json();
        JsonNode expected = body.path("expectedVersion");
        controlPlane.cancelJobExecution(call.pathParam("jobId"), call.pathParam("thingName"),
                call.queryBoolean("force"),
                expected.isMissingNode() || expected.isNull() ? null : longValue(expected, "expectedVersion"),
                statusDetails(body));
        return HttpReply.empty();
    }

    private HttpReply deleteExecution(HttpCall call) {
        String number = call.pathParam("executionNumber");
        long executionNumber;
        try {
            executionNumber = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw ControlPlaneException.invalidRequest("executionNumber must be a whole number, got " + number);
        }
        controlPlane.deleteJobExecution(call.pathParam("jobId"), call.pathParam("thingName"), executionNumber,
                call.queryBoolean("force"));
        return HttpReply.empty();
    }

    // ---- JSON helpers ------------------------------------------------------------------------------------------

    private static ObjectNode jobReference(Job job) {
        ObjectNode n = ControlPlaneJson.object();
        n.put("jobArn", job.jobArn());
        n.put("jobId", job.jobId());
        if (job.description() != null) {
            n.put("description", job.description());
        }
        return n;
    }

    private static void putToken(ObjectNode n, Page<?> page) {
        if (page.nextToken() != null) {
            n.put("nextToken", page.nextToken());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ControlPlaneException.invalidRequest(field + " must be a string");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ControlPlaneException.invalidRequest(field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw ControlPlaneException.invalidRequest(field + " must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static long longValue(JsonNode v, String field) {
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw ControlPlaneException.invalidRequest(field + " must be a whole number");
        }
        return v.asLong();
    }

    private static List<RetryCriterion> retryCriteria(JsonNode body) {
        JsonNode list = body.path("jobExecutionsRetryConfig").path("criteriaList");
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.isEmpty() || list.size() > 2) {
            throw ControlPlaneException.invalidRequest("jobExecutionsRetryConfig.criteriaList must hold 1 or 2 entries");
        }
        List<RetryCriterion> out = new ArrayList<>();
        for (JsonNode c : list) {
            String type = text(c, "failureType");
            try {
                out.add(new RetryCriterion(RetryCriterion.FailureType.valueOf(String.valueOf(type)),
                        (int) longValue(c.path("numberOfRetries"), "numberOfRetries")));
            } catch (IllegalArgumentException e) {
                throw ControlPlaneException.invalidRequest("jobExecutionsRetryConfig: failureType must be FAILED,"
                        + " TIMED_OUT or ALL and numberOfRetries 0..10 (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private static PresignedUrlConfig presignedUrlConfig(JsonNode body) {
        JsonNode v = body.get("presignedUrlConfig");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ControlPlaneException.invalidRequest("presignedUrlConfig must be an object");
        }
        JsonNode role = v.get("roleArn");
        if (role != null && !role.isNull() && !role.isTextual()) {
            throw ControlPlaneException.invalidRequest("presignedUrlConfig.roleArn must be a string");
        }
        JsonNode expires = v.get("expiresInSec");
        return new PresignedUrlConfig(role == null || role.isNull() ? null : role.asText(),
                expires == null || expires.isNull() ? null : longValue(expires, "presignedUrlConfig.expiresInSec"));
    }

    private static Map<String, String> statusDetails(JsonNode body) {
        JsonNode v = body.get("statusDetails");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ControlPlaneException.invalidRequest("statusDetails must be an object of strings");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw ControlPlaneException.invalidRequest("statusDetails." + e.getKey() + " must be a string");
            }
            details.put(e.getKey(), e.getValue().asText());
        }
        return details;
    }
}
