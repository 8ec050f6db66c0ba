package io.edgejobs.emulator.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.emulator.internal.cloud.Job;
import io.edgejobs.emulator.internal.cloud.JobStatus;
import io.edgejobs.emulator.internal.cloud.PresignedUrlConfig;
import io.edgejobs.emulator.internal.cloud.RetryCriterion;
import io.edgejobs.emulator.internal.cloud.TargetSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/** The stored form of a job (and of statusDetails): JSON text with times in epoch milliseconds. */
final class JobJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobJson() {
    }

    static String write(Job job) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("jobId", job.jobId());
        n.put("jobArn", job.jobArn());
        ArrayNode targets = n.putArray("targets");
        job.targets().forEach(targets::add);
        ArrayNode things = n.putArray("thingNames");
        job.thingNames().forEach(things::add);
        n.put("document", job.document());
        n.put("description", job.description());
        n.put("targetSelection", job.targetSelection().name());
        n.put("status", job.status().name());
        n.put("forceCanceled", job.forceCanceled());
        n.put("reasonCode", job.reasonCode());
        n.put("comment", job.comment());
        n.put("createdAt", job.createdAt().toEpochMilli());
        n.put("lastUpdatedAt", job.lastUpdatedAt().toEpochMilli());
        n.put("completedAt", job.completedAt() == null ? null : job.completedAt().toEpochMilli());
        n.put("inProgressTimeoutInMinutes", job.inProgressTimeoutInMinutes());
        ArrayNode retries = n.putArray("retryCriteria");
        for (RetryCriterion c : job.retryCriteria()) {
            retries.addObject().put("failureType", c.failureType().name()).put("numberOfRetries", c.numberOfRetries());
        }
        n.put("echoedConfig", job.echoedConfig());
        if (job.presignedUrlConfig() != null) {
            n.putObject("presignedUrlConfig").put("roleArn", job.presignedUrlConfig().roleArn())
                    .put("expiresInSec", job.presignedUrlConfig().expiresInSec());
        }
        return n.toString();
    }

    static Job read(String text) {
        JsonNode n = parse(text);
        List<RetryCriterion> retries = new ArrayList<>();
        for (JsonNode c : n.path("retryCriteria")) {
            retries.add(new RetryCriterion(RetryCriterion.FailureType.valueOf(c.path("failureType").asText()),
                    c.path("numberOfRetries").asInt()));
        }
        return new Job(n.path("jobId").asText(), n.path("jobArn").asText(), strings(n.path("targets")),
                strings(n.path("thingNames")), n.path("document").asText(), text(n, "description"),
                TargetSelection.valueOf(n.path("targetSelection").asText()), JobStatus.valueOf(n.path("status").asText()),
                n.path("forceCanceled").asBoolean(), text(n, "reasonCode"), text(n, "comment"),
                instant(n, "createdAt"), instant(n, "lastUpdatedAt"), instant(n, "completedAt"),
                n.hasNonNull("inProgressTimeoutInMinutes") ? n.get("inProgressTimeoutInMinutes").asLong() : null,
                retries, text(n, "echoedConfig"), presignedUrlConfig(n.path("presignedUrlConfig")));
    }

    private static PresignedUrlConfig presignedUrlConfig(JsonNode n) {
        if (!n.isObject()) {
            return null;
        }
        return new PresignedUrlConfig(text(n, "roleArn"),
                n.hasNonNull("expiresInSec") ? n.get("expiresInSec").asLong() : null);
    }

    static String writeDetails(Map<String, String> details) {
        ObjectNode n = MAPPER.createObjectNode();
        details.forEach(n::put);
        return n.toString();
    }

    static Map<String, String> readDetails(String text) {
        Map<String, String> details = new LinkedHashMap<>();
        parse(text).fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
        return details;
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable stored JSON", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Instant instant(JsonNode n, String field) {
        return n.hasNonNull(field) ? Instant.ofEpochMilli(n.get(field).asLong()) : null;
    }
}
