package io.edgejobs.api.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator();

    private static void assertInvalid(Executable call, String field) {
        JobsException e = assertThrows(JobsException.class, call);
        assertEquals(ErrorCode.InvalidRequest, e.code());
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }

    private static UpdateJobExecutionRequest update(Map<String, String> details, Long expectedVersion,
            Long executionNumber, Long step, String token) {
        return new UpdateJobExecutionRequest("thing-1", "job-1", JobExecutionStatus.IN_PROGRESS, details,
                expectedVersion, executionNumber, false, false, step, token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Thing_1", "arn:like:name", "with-dash", "X"})
    @DisplayName("ThingName: 'Length Constraints: Minimum length of 1. Maximum length of 128. Pattern: [a-zA-Z0-9:_-]+'")
    void validThingNames(String name) {
        assertDoesNotThrow(() -> validator.validate(new GetPendingJobExecutionsRequest(name, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "dot.ted", "slash/y", "plus+", "hash#", "ünïcode", "$next"})
    @DisplayName("ThingName outside [a-zA-Z0-9:_-]{1,128} → InvalidRequest naming thingName")
    void invalidThingNames(String name) {
        assertInvalid(() -> validator.validate(new GetPendingJobExecutionsRequest(name, null)), "thingName");
    }

    @Test
    @DisplayName("ThingName: 128 characters pass, 129 fail")
    void thingNameLength() {
        assertDoesNotThrow(() -> validator.validateThingName("t".repeat(128)));
        assertInvalid(() -> validator.validateThingName("t".repeat(129)), "thingName");
    }

    @Test
    @DisplayName("JobId: 'Minimum length of 1. Maximum length of 64. Pattern: [a-zA-Z0-9_-]+' (no colon)")
    void jobIds() {
        assertDoesNotThrow(() -> validator.validateJobId("j".repeat(64), false));
        assertInvalid(() -> validator.validateJobId("j".repeat(65), false), "jobId");
        assertInvalid(() -> validator.validateJobId("a:b", false), "jobId");
        assertInvalid(() -> validator.validateJobId("", false), "jobId");
        assertInvalid(() -> validator.validateJobId(null, false), "jobId");
    }

    @Test
    @DisplayName("jobs-mqtt-api.md: 'You can set the jobId to $next' — DescribeJobExecution only")
    void nextOnlyForDescribe() {
        assertDoesNotThrow(() -> validator.validate(new DescribeJobExecutionRequest("thing-1", "$next", null, null,
                null)));
        assertInvalid(() -> validator.validate(new UpdateJobExecutionRequest("thing-1", "$next",
                JobExecutionStatus.IN_PROGRESS, null, null, null, false, false, null, null)), "jobId");
    }

    @Test
    @DisplayName("statusDetails (limits): at most 10 name/value pairs")
    void tenPairs() {
        Map<String, String> ten = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            ten.put("k" + i, "v");
        }
        assertDoesNotThrow(() -> validator.validateStatusDetails(ten));
        Map<String, String> eleven = new LinkedHashMap<>(ten);
        eleven.put("k10", "v");
        assertInvalid(() -> validator.validate(update(eleven, null, null, null, null)), "statusDetails");
    }

    @Test
    @DisplayName("DetailsKey: 'Minimum length of 1. Maximum length of 128. Pattern: [a-zA-Z0-9:_-]+'")
    void keys() {
        assertDoesNotThrow(() -> validator.validateStatusDetails(Map.of("a:b_c-D9", "v", "k".repeat(128), "v")));
        assertInvalid(() -> validator.validateStatusDetails(Map.of("k".repeat(129), "v")), "statusDetails");
        assertInvalid(() -> validator.validateStatusDetails(Map.of("", "v")), "statusDetails");
        assertInvalid(() -> validator.validateStatusDetails(Map.of("a b", "v")), "statusDetails");
        assertInvalid(() -> validator.validateStatusDetails(Map.of("a.b", "v")), "statusDetails");
    }

    @Test
    @DisplayName("DetailsValue: 'The maximum length of the value in the name/value pair is 1,024 characters', minimum 1")
    void valuesDefault() {
        assertDoesNotThrow(() -> validator.validateStatusDetails(Map.of("k", "v".repeat(1024))));
        assertInvalid(() -> validator.validateStatusDetails(Map.of("k", "v".repeat(1025))), "statusDetails.k");
        assertInvalid(() -> validator.validateStatusDetails(Map.of("k", "")), "statusDetails.k");
        // characters, not bytes: 1024 three-byte characters are fine
        assertDoesNotThrow(() -> validator.validateStatusDetails(Map.of("k", "€".repeat(1024))));
    }

    @Test
    @DisplayName("2020 limits table: statusDetails value 1–128 characters (ValidationLimits.STRICT_2020)")
    void valuesStrict() {
        RequestValidator strict = new RequestValidator(ValidationLimits.STRICT_2020);
        assertDoesNotThrow(() -> strict.validateStatusDetails(Map.of("k", "v".repeat(128))));
        assertInvalid(() -> strict.validateStatusDetails(Map.of("k", "v".repeat(129))), "statusDetails.k");
        assertEquals(1024, ValidationLimits.DEFAULTS.maxStatusDetailValueLength());
    }

    @Test
    @DisplayName("DetailsValue pattern [^\\p{C}]*: no control, format or unpaired surrogate characters")
    void valuePattern() {
        assertDoesNotThrow(() -> validator.validateStatusDetails(Map.of("k", "50 % done, ok! 🙂 ü")));
        assertInvalid(() -> validator.validateStatusDetails(Map.of("k", "line\nbreak")), "statusDetails.k");
        assertInvalid(() -> validator.validateStatusDetails(Map.of("k", "tab\t")), "statusDetails.k");
        assertInvalid(() -> validator.validateStatusDetails(Map.of("k", "zero\u200Bwidth")), "statusDetails.k");
        assertInvalid(() -> validator.validateStatusDetails(Map.of("k", "half\uD83D")), "statusDetails.k");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertInvalid(() -> validator.validateStatusDetails(nullValue), "statusDetails.k");
    }

    @Test
    @DisplayName("stepTimeoutInMinutes 1–10080 (limits: 'in-progress & step timeout 1–10080'); -1 only on UpdateJobExecution")
    void stepTimeout() {
        assertDoesNotThrow(() -> validator.validate(update(null, null, null, 1L, null)));
        assertDoesNotThrow(() -> validator.validate(update(null, null, null, 10080L, null)));
        assertDoesNotThrow(() -> validator.validate(update(null, null, null, -1L, null)));
        assertInvalid(() -> validator.validate(update(null, null, null, 0L, null)), "stepTimeoutInMinutes");
        assertInvalid(() -> validator.validate(update(null, null, null, 10081L, null)), "stepTimeoutInMinutes");
        assertInvalid(() -> validator.validate(update(null, null, null, -2L, null)), "stepTimeoutInMinutes");
        assertInvalid(() -> validator.validate(new StartNextPendingJobExecutionRequest("thing-1", null, -1L, null)),
                "stepTimeoutInMinutes");
        assertDoesNotThrow(() -> validator.validate(new StartNextPendingJobExecutionRequest("thing-1", null, 15L,
                null)));
    }

    @Test
    @DisplayName("expectedVersion and executionNumber must not be negative (decision)")
    void nonNegative() {
        assertDoesNotThrow(() -> validator.validate(update(null, 0L, 0L, null, null)));
        assertInvalid(() -> validator.validate(update(null, -1L, null, null, null)), "expectedVersion");
        assertInvalid(() -> validator.validate(update(null, null, -1L, null, null)), "executionNumber");
        assertInvalid(() -> validator.validate(new DescribeJobExecutionRequest("thing-1", "job-1", -5L, true, null)),
                "executionNumber");
    }

    @Test
    @DisplayName("UpdateJobExecution status 'IN_PROGRESS, FAILED, SUCCESS, or REJECTED' only")
    void updateStatus() {
        assertInvalid(() -> validator.validate(new UpdateJobExecutionRequest("thing-1", "job-1",
                JobExecutionStatus.TIMED_OUT, null, null, null, false, false, null, null)), "status");
    }

    @Test
    @DisplayName("clientToken at most 64 bytes (AWS client-token limit of shadow / MQTT file delivery; decision for Jobs)")
    void clientToken() {
        assertDoesNotThrow(() -> validator.validate(update(null, null, null, null, "c".repeat(64))));
        assertDoesNotThrow(() -> validator.validate(update(null, null, null, null, "")));
        assertInvalid(() -> validator.validate(update(null, null, null, null, "c".repeat(65))), "clientToken");
        assertInvalid(() -> validator.validate(update(null, null, null, null, "é".repeat(33))), "clientToken");
        assertInvalid(() -> validator.validate(new GetPendingJobExecutionsRequest("t", "bad\u0000")), "clientToken");
    }

    @Test
    @DisplayName("JobDocument: 'Maximum length of 32768' bytes (UTF-8)")
    void jobDocument() {
        String doc = "{\"a\":\"" + "x".repeat(32768 - 8) + "\"}";
        assertEquals(32768, doc.length());
        assertDoesNotThrow(() -> validator.validateJobDocument(doc));
        String multiByte = "{\"a\":\"" + "é".repeat(16381) + "\"}";
        assertInvalid(() -> validator.validateJobDocument(multiByte), "jobDocument");
    }

    @Test
    @DisplayName("validate(JobsRequest) dispatches on every request type")
    void dispatch() {
        JobsRequest[] good = {
            new GetPendingJobExecutionsRequest("thing-1", "t"),
            new StartNextPendingJobExecutionRequest("thing-1", Map.of("k", "v"), 5L, "t"),
            new DescribeJobExecutionRequest("thing-1", "job-1", 1L, true, "t"),
            update(Map.of("k", "v"), 1L, 1L, -1L, "t")};
        for (JobsRequest r : good) {
            assertDoesNotThrow(() -> validator.validate(r));
        }
        assertInvalid(() -> validator.validate((JobsRequest) new StartNextPendingJobExecutionRequest("thing-1",
                Map.of("k", ""), null, null)), "statusDetails.k");
        assertInvalid(() -> validator.validate((JobsRequest) new DescribeJobExecutionRequest("bad name", "job-1",
                null, null, null)), "thingName");
    }

    @Test
    @DisplayName("ValidationLimits refuses non-positive limits")
    void limits() {
        assertThrows(IllegalArgumentException.class, () -> ValidationLimits.DEFAULTS.withMaxStatusDetailValueLength(0));
        assertEquals(Identifiers.NEXT_JOB_ID, DescribeJobExecutionRequest.NEXT);
    }
}
