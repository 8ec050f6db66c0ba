package io.edgejobs.itest.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.JobExecution;
import software.amazon.awssdk.services.iot.model.JobExecutionSummaryForThing;

/**
 * The same executions seen from the cloud (the emulator, through the operator's IotClient) and from the gateway's
 * SQLite cache (its database file, opened read-only), in one comparable form:
 * {@code thing/job#executionNumber -> "STATUS vVERSION {statusDetails}"}; job documents as {@code job -> document}.
 */
final class ExecutionViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecutionViews() {
    }

    /** Every execution the cloud has for the things, described one by one. */
    static Map<String, String> cloudExecutions(IotClient operator, Collection<String> things) {
        Map<String, String> view = new TreeMap<>();
        for (String thing : things) {
            for (JobExecutionSummaryForThing summary : operator.listJobExecutionsForThingPaginator(
                    b -> b.thingName(thing)).executionSummaries()) {
                JobExecution execution = operator.describeJobExecution(b -> b.thingName(thing)
                        .jobId(summary.jobId())
                        .executionNumber(summary.jobExecutionSummary().executionNumber())).execution();
                view.put(key(thing, execution.jobId(), execution.executionNumber()),
                        value(execution.statusAsString(), execution.versionNumber(),
                                execution.statusDetails() == null ? Map.of()
                                        : execution.statusDetails().detailsMap()));
            }
        }
        return view;
    }

    /** The job document of every job the cloud has for the things. */
    static Map<String, String> cloudDocuments(IotClient operator, Collection<String> things) {
        Map<String, String> documents = new TreeMap<>();
        for (String thing : things) {
            for (JobExecutionSummaryForThing summary : operator.listJobExecutionsForThingPaginator(
                    b -> b.thingName(thing)).executionSummaries()) {
                documents.put(summary.jobId(), operator.getJobDocument(b -> b.jobId(summary.jobId())).document());
            }
        }
        return documents;
    }

    /** Every execution the gateway's cache has for the things. */
    static Map<String, String> cachedExecutions(Path database, Collection<String> things) throws SQLException {
        Map<String, String> view = new TreeMap<>();
        try (Connection connection = open(database); PreparedStatement select = connection.prepareStatement(
                "SELECT job_id, execution_number, status, version_number, status_details FROM executions"
                        + " WHERE thing_name = ?")) {
            for (String thing : things) {
                select.setString(1, thing);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        view.put(key(thing, rows.getString(1), rows.getLong(2)),
                                value(rows.getString(3), rows.getLong(4), details(rows.getString(5))));
                    }
                }
            }
        }
        return view;
    }

    /** The cached document of each of the jobs (absent ones are left out). */
    static Map<String, String> cachedDocuments(Path database, Collection<String> jobIds) throws SQLException {
        Map<String, String> documents = new TreeMap<>();
        try (Connection connection = open(database); PreparedStatement select = connection.prepareStatement(
                "SELECT document FROM job_documents WHERE job_id = ?")) {
            for (String jobId : jobIds) {
                select.setString(1, jobId);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        documents.put(jobId, rows.getString(1));
                    }
                }
            }
        }
        return documents;
    }

    /** Device updates still waiting in the outbox for the cloud. */
    static long outboxSize(Path database) throws SQLException {
        try (Connection connection = open(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM outbox")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection open(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + database);
    }

    private static String key(String thing, String jobId, Long executionNumber) {
        return thing + "/" + jobId + "#" + executionNumber;
    }

    private static String value(String status, Long version, Map<String, String> details) {
        return status + " v" + version + " " + new TreeMap<>(details);
    }

    private static Map<String, String> details(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new AssertionError("status_details is not a JSON object of strings: " + json, e);
        }
    }
}
