package io.edgejobs.api.dataplane;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The four operations of the AWS IoT Jobs device data plane, independent of transport.
 *
 * <p>Implemented by whatever answers devices: the gateway engine (online proxy, offline cache), the cloud
 * emulator, and a client of AWS IoT Core. Transports (the local MQTT broker, the HTTPS facade) translate topics
 * and payloads into these calls and back. A rejection completes the stage exceptionally with a
 * {@link io.edgejobs.api.jobs.JobsException}; any other exception is reported as InternalError.
 *
 * <p>Stages complete only after the outcome is durable where the implementation promises durability, so a
 * transport may send {@code accepted} as soon as the stage completes.
 */
@ProviderType
public interface JobsDataPlane {
    CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(GetPendingJobExecutionsRequest request);

    CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request);

    CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request);

    CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request);
}
