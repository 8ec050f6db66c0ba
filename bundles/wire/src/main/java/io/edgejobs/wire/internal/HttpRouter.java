package io.edgejobs.wire.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.wire.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The four routes of the iot-jobs-data service model:
 * <pre>
 * GET  /things/{thingName}/jobs               GetPendingJobExecutions
 * PUT  /things/{thingName}/jobs/$next         StartNextPendingJobExecution
 * GET  /things/{thingName}/jobs/{jobId}       DescribeJobExecution (jobId may be $next)
 * POST /things/{thingName}/jobs/{jobId}       UpdateJobExecution
 * </pre>
 * Segments are percent-decoded after splitting, so {@code %2F} stays inside a segment and {@code %24next} is
 * {@code $next}. Empty segments, malformed escapes and any other method/path do not match.
 */
public final class HttpRouter {
    private HttpRouter() {
    }

    public static Optional<HttpRoute> route(String method, String rawPath) {
        if (method == null || rawPath == null) {
            return Optional.empty();
        }
        List<String> segments = segments(stripQuery(rawPath));
        if (segments == null || segments.size() < 3 || segments.size() > 4
                || !"things".equals(segments.get(0)) || !"jobs".equals(segments.get(2))) {
            return Optional.empty();
        }
        String thingName = segments.get(1);
        if (segments.size() == 3) {
            return "GET".equals(method)
                    ? Optional.of(new HttpRoute(JobsOperation.GET_PENDING_JOB_EXECUTIONS, thingName, null))
                    : Optional.empty();
        }
        String jobId = segments.get(3);
        switch (method) {
            case "GET":
                return Optional.of(new HttpRoute(JobsOperation.DESCRIBE_JOB_EXECUTION, thingName, jobId));
            case "POST":
                return Optional.of(new HttpRoute(JobsOperation.UPDATE_JOB_EXECUTION, thingName, jobId));
            case "PUT":
                return DescribeJobExecutionRequest.NEXT.equals(jobId)
                        ? Optional.of(new HttpRoute(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, thingName, jobId))
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static String stripQuery(String rawPath) {
        int query = rawPath.indexOf('?');
        return query < 0 ? rawPath : rawPath.substring(0, query);
    }

    /** The decoded segments after the leading slash, or null when one is empty or malformed. */
    private static List<String> segments(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        List<String> segments = new ArrayList<>(4);
        for (String raw : path.substring(1).split("/", -1)) {
            String decoded = PercentDecoding.decode(raw, false);
            if (decoded == null || decoded.isEmpty()) {
                return null;
            }
            segments.add(decoded);
        }
        return segments;
    }
}
