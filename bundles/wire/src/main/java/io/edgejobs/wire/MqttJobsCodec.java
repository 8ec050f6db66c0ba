package io.edgejobs.wire;

import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.wire.internal.ClientTokenSniffer;
import io.edgejobs.wire.internal.MqttRequestWriter;
import io.edgejobs.wire.internal.MqttResponseWriter;
import io.edgejobs.wire.internal.RequestDecoder;
import io.edgejobs.wire.internal.StrictPayloadReader;
import io.edgejobs.wire.internal.UpstreamReader;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON payloads of the AWS IoT Jobs MQTT API (jobs-mqtt-api.md), in both directions: the gateway decodes
 * device requests and encodes its answers, and as a client of AWS IoT Core it encodes requests and decodes the
 * service's answers and notifications. Immutable and thread-safe.
 *
 * <p>Conventions, as on the AWS wire: timestamps are epoch seconds; {@code jobDocument} is embedded as a JSON
 * value; absent values (null fields, empty statusDetails, a missing clientToken) are left out.
 *
 * <p>Device requests are read strictly: bytes that are not UTF-8 JSON are InvalidJson; JSON that is not an
 * object, or a field of the wrong JSON type, or a missing or unknown {@code status} on update is InvalidRequest.
 * Unknown fields are ignored and an empty payload reads as {@code {}}. Upstream messages are read tolerantly
 * (unknown fields, timestamps in seconds or milliseconds, documents as objects or strings).
 */
public final class MqttJobsCodec {
    private final RequestDecoder requestDecoder = RequestDecoder.mqtt();
    private final MqttResponseWriter responseWriter = new MqttResponseWriter();
    private final MqttRequestWriter requestWriter = new MqttRequestWriter();
    private final UpstreamReader upstreamReader;

    /** A codec whose clock stamps upstream ErrorResponses that arrive without a timestamp. */
    public MqttJobsCodec(Clock clock) {
        this.upstreamReader = new UpstreamReader(Objects.requireNonNull(clock, "clock"));
    }

    /** A codec on the system clock. */
    public MqttJobsCodec() {
        this(Clock.systemUTC());
    }

    // ---- device -> gateway --------------------------------------------------------------------------------

    /**
     * Decodes a device's request.
     *
     * @param operation the operation the topic names
     * @param thingName the topic's thing name
     * @param jobId the topic's job id (DescribeJobExecution, UpdateJobExecution; may be {@code $next} for
     *        Describe); ignored for the other two operations
     * @param payload the MQTT payload; null or empty reads as {@code {}}
     * @return the request record; DescribeJobExecution's includeJobDocument is resolved (true unless false was
     *         sent), Update's include flags default to false
     * @throws WireFormatException InvalidJson or InvalidRequest, with the payload's clientToken when readable
     */
    public JobsRequest decodeRequest(JobsOperation operation, String thingName, String jobId, byte[] payload) {
        return requestDecoder.decode(operation, thingName, jobId, StrictPayloadReader.readObject(payload));
    }

    /** The {@code get/accepted} payload. */
    public byte[] encodeResponse(GetPendingJobExecutionsResponse response) {
        return responseWriter.getPending(response);
    }

    /** The {@code start-next/accepted} payload; without {@code execution} when nothing is pending. */
    public byte[] encodeResponse(StartNextPendingJobExecutionResponse response) {
        return responseWriter.startNext(response);
    }

    /** The {@code {jobId}/get/accepted} payload. */
    public byte[] encodeResponse(DescribeJobExecutionResponse response) {
        return responseWriter.describe(response);
    }

    /** The {@code {jobId}/update/accepted} payload. */
    public byte[] encodeResponse(UpdateJobExecutionResponse response) {
        return responseWriter.update(response);
    }

    /** A {@code /rejected} payload; executionState only for InvalidStateTransition and VersionMismatch. */
    public byte[] encodeError(ErrorResponse error) {
        return responseWriter.error(error);
    }

    /** The {@code notify} payload; {@code "jobs":{}} when nothing is pending. */
    public byte[] encodeNotification(JobExecutionsChangedEvent event) {
        return responseWriter.jobExecutionsChanged(event);
    }

    /** The {@code notify-next} payload; only the timestamp when nothing is pending. */
    public byte[] encodeNotification(NextJobExecutionChangedEvent event) {
        return responseWriter.nextJobExecutionChanged(event);
    }

    // ---- gateway -> AWS IoT Core ----------------------------------------------------------------------------

    /** The request payload to publish upstream, with whatever clientToken the record holds. */
    public byte[] encodeRequest(JobsRequest request) {
        return requestWriter.write(Objects.requireNonNull(request, "request"));
    }

    /** Reads a {@code get/accepted} message. */
    public GetPendingJobExecutionsResponse decodeGetPendingResponse(byte[] payload) {
        return upstreamReader.getPending(payload);
    }

    /** Reads a {@code start-next/accepted} message; thingName fills in an execution that carries none. */
    public StartNextPendingJobExecutionResponse decodeStartNextResponse(String thingName, byte[] payload) {
        return upstreamReader.startNext(thingName, payload);
    }

    /** Reads a {@code {jobId}/get/accepted} message; thingName and jobId (unless {@code $next}) fill in gaps. */
    public DescribeJobExecutionResponse decodeDescribeResponse(String thingName, String jobId, byte[] payload) {
        return upstreamReader.describe(thingName, jobId, payload);
    }

    /** Reads a {@code {jobId}/update/accepted} message. */
    public UpdateJobExecutionResponse decodeUpdateResponse(byte[] payload) {
        return upstreamReader.update(payload);
    }

    /**
     * Reads a {@code /rejected} message. An unknown code becomes InternalError (the original code is kept at the
     * start of the message); a missing timestamp becomes the clock's time.
     */
    public ErrorResponse decodeErrorResponse(byte[] payload) {
        return upstreamReader.error(payload);
    }

    /** Reads a {@code notify} message; unknown status groups are skipped. */
    public JobExecutionsChangedEvent decodeJobExecutionsChanged(byte[] payload) {
        return upstreamReader.jobExecutionsChanged(payload);
    }

    /** Reads a {@code notify-next} message; thingName (from the topic) fills in the execution's thingName. */
    public NextJobExecutionChangedEvent decodeNextJobExecutionChanged(String thingName, byte[] payload) {
        return upstreamReader.nextJobExecutionChanged(thingName, payload);
    }

    /**
     * The payload's top-level clientToken without decoding the rest: a streaming scan that stops at the token,
     * falling back to a best-effort search in broken payloads. Never throws.
     */
    public Optional<String> clientToken(byte[] payload) {
        return Optional.ofNullable(ClientTokenSniffer.sniff(payload));
    }
}
