package io.edgejobs.wire;

import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.wire.internal.HttpRequestDecoder;
import io.edgejobs.wire.internal.HttpResponseWriter;
import io.edgejobs.wire.internal.HttpRouter;
import io.edgejobs.wire.internal.QueryString;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTPS (rest-json) data plane of the iot-jobs-data 2017-09-29 service model. Immutable and thread-safe.
 *
 * <p>A transport matches the request line with {@link #route}, answers {@link #unknownRoute} when nothing
 * matches, decodes the request with {@link #decodeRequest} (answering {@link #encodeError(JobsException)} on a
 * {@link WireFormatException}) and encodes the outcome with {@code encodeResponse}/{@code encodeError}.
 *
 * <p>Differences from MQTT, per the service model: no clientToken and no timestamp in any shape;
 * {@code jobDocument} is a string; JobExecution carries {@code approximateSecondsBeforeTimedOut};
 * DescribeJobExecution's {@code includeJobDocument} defaults to false. The unit of {@code queuedAt},
 * {@code startedAt} and {@code lastUpdatedAt} is an option because the sources disagree (see
 * docs/decisions-wire.md); the default is {@link TimestampUnit#SECONDS}.
 */
public final class HttpJobsCodec {
    private final TimestampUnit timestampUnit;
    private final HttpRequestDecoder requestDecoder = new HttpRequestDecoder();
    private final HttpResponseWriter responseWriter;

    /** A codec writing times in the given unit. */
    public HttpJobsCodec(TimestampUnit timestampUnit) {
        this.timestampUnit = Objects.requireNonNull(timestampUnit, "timestampUnit");
        this.responseWriter = new HttpResponseWriter(timestampUnit);
    }

    /** A codec writing times in seconds. */
    public HttpJobsCodec() {
        this(TimestampUnit.SECONDS);
    }

    /** The unit this codec writes times in. */
    public TimestampUnit timestampUnit() {
        return timestampUnit;
    }

    /**
     * Matches a request line to an operation.
     *
     * @param method the HTTP method, case-sensitive ("GET", "PUT", "POST")
     * @param rawPath the request path as sent, still percent-encoded (a query part is ignored)
     * @return the route with decoded path parameters, or empty when no operation matches
     */
    public Optional<HttpRoute> route(String method, String rawPath) {
        return HttpRouter.route(method, rawPath);
    }

    /** The answer for a request line that matches no operation: 404 {@code UnknownOperationException}. */
    public HttpJobsResponse unknownRoute(String method, String rawPath) {
        return responseWriter.unknownOperation(method, rawPath);
    }

    /**
     * Decodes a routed request.
     *
     * @param route the matched route
     * @param query the query parameters, decoded (see {@link #parseQuery}); only Describe reads any
     * @param body the request body (PUT $next and POST update); null or empty reads as {@code {}}
     * @throws WireFormatException InvalidJson or InvalidRequest (never with a clientToken over HTTPS)
     */
    public JobsRequest decodeRequest(HttpRoute route, Map<String, List<String>> query, byte[] body) {
        return requestDecoder.decode(Objects.requireNonNull(route, "route"), query, body);
    }

    /** Parses a raw query string ({@code executionNumber=2&includeJobDocument=true}); null reads as empty. */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        return QueryString.parse(rawQuery);
    }

    /** 200 {@code {"inProgressJobs":[…],"queuedJobs":[…]}}. */
    public HttpJobsResponse encodeResponse(GetPendingJobExecutionsResponse response) {
        return responseWriter.getPending(response);
    }

    /** 200 {@code {"execution":{…}}}, or {@code {}} when nothing is pending. */
    public HttpJobsResponse encodeResponse(StartNextPendingJobExecutionResponse response) {
        return responseWriter.startNext(response);
    }

    /** 200 {@code {"execution":{…}}}. */
    public HttpJobsResponse encodeResponse(DescribeJobExecutionResponse response) {
        return responseWriter.describe(response);
    }

    /** 200 {@code {"executionState":{…},"jobDocument":"…"}}, each only when present. */
    public HttpJobsResponse encodeResponse(UpdateJobExecutionResponse response) {
        return responseWriter.update(response);
    }

    /**
     * The error answer: {@link io.edgejobs.api.jobs.ErrorCode#httpStatus()}, {@code x-amzn-ErrorType}
     * {@link io.edgejobs.api.jobs.ErrorCode#httpExceptionType()}, body {@code {"message":…}} plus
     * {@code executionState} for InvalidStateTransition and VersionMismatch.
     */
    public HttpJobsResponse encodeError(JobsException error) {
        return responseWriter.error(error.code(), error.getMessage(), error.executionState());
    }

    /** The same answer built from an ErrorResponse (its clientToken and timestamp have no HTTPS field). */
    public HttpJobsResponse encodeError(ErrorResponse error) {
        return responseWriter.error(error.code(), error.message(), error.executionState());
    }
}
