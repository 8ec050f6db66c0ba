package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.wire.MqttJobsCodec;

/**
 * Reads an {@code /accepted} answer and puts the device's clientToken back in place of the connection's.
 *
 * @param <T> the response record
 */
@FunctionalInterface
interface AnswerReader<T> {

    /** @throws io.edgejobs.wire.WireFormatException when the payload is malformed */
    T read(MqttJobsCodec codec, ForwardedRequest request, byte[] payload);

    AnswerReader<GetPendingJobExecutionsResponse> GET_PENDING = (codec, request, payload) -> {
        GetPendingJobExecutionsResponse r = codec.decodeGetPendingResponse(payload);
        return new GetPendingJobExecutionsResponse(r.inProgressJobs(), r.queuedJobs(), r.timestamp(),
                request.deviceToken());
    };

    AnswerReader<StartNextPendingJobExecutionResponse> START_NEXT = (codec, request, payload) -> {
        StartNextPendingJobExecutionResponse r = codec.decodeStartNextResponse(request.thingName(), payload);
        return new StartNextPendingJobExecutionResponse(r.execution(), r.timestamp(), request.deviceToken());
    };

    AnswerReader<DescribeJobExecutionResponse> DESCRIBE = (codec, request, payload) -> {
        DescribeJobExecutionResponse r = codec.decodeDescribeResponse(request.thingName(), request.jobId(), payload);
        return new DescribeJobExecutionResponse(r.execution(), r.timestamp(), request.deviceToken());
    };

    AnswerReader<UpdateJobExecutionResponse> UPDATE = (codec, request, payload) -> {
        UpdateJobExecutionResponse r = codec.decodeUpdateResponse(payload);
        return new UpdateJobExecutionResponse(r.executionState(), r.jobDocument(), r.timestamp(),
                request.deviceToken());
    };
}
