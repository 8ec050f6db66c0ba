package io.edgejobs.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * What a device's job agent does, recorded request by request: run jobs end to end (StartNext, IN_PROGRESS
 * progress with statusDetails, SUCCEEDED, each with the expectedVersion it was last told), or read its pending
 * jobs and its next job.
 */
final class DeviceWork {

    static final String START_NEXT = "StartNext";
    static final String UPDATE_PROGRESS = "Update IN_PROGRESS";
    static final String UPDATE_SUCCEEDED = "Update SUCCEEDED";
    static final String GET_PENDING = "GetPending";
    static final String DESCRIBE_NEXT = "Describe $next";

    private DeviceWork() {
    }

    /** Runs {@code jobs} jobs, each StartNext, {@code updates} progress updates and SUCCEEDED. */
    static void runJobs(BenchDevice device, int jobs, int updates, Recorder recorder) {
        for (int job = 1; job <= jobs; job++) {
            ObjectNode start = BenchDevice.body();
            start.putObject("statusDetails").put("step", "downloading");
            JsonNode started = call(device, START_NEXT, "start-next", start, recorder);
            if (started == null) {
                return;
            }
            JsonNode execution = started.path("execution");
            if (!execution.isObject()) {
                recorder.failed(START_NEXT, device.thing + " had no job to start (job " + job + " of " + jobs + ")");
                return;
            }
            String jobId = execution.path("jobId").asText();
            long version = execution.path("versionNumber").asLong();
            for (int step = 1; step <= updates; step++) {
                ObjectNode progress = update("IN_PROGRESS", version);
                progress.putObject("statusDetails").put("step", "installing")
                        .put("percent", Integer.toString(100 * step / (updates + 1)));
                version = newVersion(device, UPDATE_PROGRESS, jobId, progress, recorder);
                if (version < 0) {
                    return;
                }
            }
            ObjectNode done = update("SUCCEEDED", version);
            done.putObject("statusDetails").put("result", "installed");
            if (newVersion(device, UPDATE_SUCCEEDED, jobId, done, recorder) < 0) {
                return;
            }
        }
    }

    /** Reads alternately the pending jobs and the next job with its document. */
    static void read(BenchDevice device, int reads, Recorder recorder) {
        for (int i = 0; i < reads; i++) {
            if (i % 2 == 0) {
                getPending(device, recorder);
            } else {
                ObjectNode describe = BenchDevice.body();
                describe.put("includeJobDocument", true);
                call(device, DESCRIBE_NEXT, "$next/get", describe, recorder);
            }
        }
    }

    static boolean getPending(BenchDevice device, Recorder recorder) {
        return call(device, GET_PENDING, "get", BenchDevice.body(), recorder) != null;
    }

    /** Runs the work of each device at once, one thread per device, and waits for all of it. */
    static void concurrently(List<BenchDevice> devices, java.util.function.Consumer<BenchDevice> work)
            throws InterruptedException, ExecutionException {
        ExecutorService threads = Executors.newFixedThreadPool(devices.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (BenchDevice device : devices) {
                done.add(threads.submit(() -> work.accept(device)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static ObjectNode update(String status, long expectedVersion) {
        ObjectNode body = BenchDevice.body();
        body.put("status", status);
        body.put("expectedVersion", expectedVersion);
        body.put("includeJobExecutionState", true);
        return body;
    }

    /** The execution's version after an accepted update, or -1 after an error (recorded). */
    private static long newVersion(BenchDevice device, String operation, String jobId, ObjectNode body,
            Recorder recorder) {
        JsonNode answer = call(device, operation, jobId + "/update", body, recorder);
        if (answer == null) {
            return -1;
        }
        JsonNode state = answer.path("executionState");
        if (!state.path("versionNumber").canConvertToLong() || !state.path("status").asText().equals(
                body.path("status").asText())) {
            recorder.failed(operation, device.thing + " got no executionState with status " + body.path("status")
                    + ": " + answer);
            return -1;
        }
        return state.path("versionNumber").asLong();
    }

    /** One request: its answer when accepted, null after an error (recorded). */
    private static JsonNode call(BenchDevice device, String operation, String suffix, ObjectNode body,
            Recorder recorder) {
        try {
            BenchDevice.Answer answer = device.request(suffix, body);
            if (!answer.accepted()) {
                recorder.failed(operation, device.thing + " rejected " + answer.errorCode() + ": "
                        + answer.body().path("message").asText());
                return null;
            }
            recorder.answered(operation, answer.nanos());
            return answer.body();
        } catch (TimeoutException e) {
            recorder.failed(operation, device.thing + " got no answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.failed(operation, device.thing + " interrupted");
        } catch (Exception e) {
            recorder.failed(operation, device.thing + " " + e);
        }
        return null;
    }
}
