package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iotjobsdataplane.IotJobsDataPlaneClient;
import software.amazon.awssdk.services.iotjobsdataplane.model.ServiceUnavailableException;

/** A data plane that never answers: the device gets 503 after the request timeout, and the next request works. */
class RequestTimeoutTest {

    /** Answers GetPending at once and never completes anything else. */
    private static final class StuckDataPlane implements JobsDataPlane {
        @Override
        public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
                GetPendingJobExecutionsRequest request) {
            return CompletableFuture.completedFuture(new GetPendingJobExecutionsResponse(List.of(), List.of(),
                    java.time.Instant.now(), null));
        }

        @Override
        public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
                StartNextPendingJobExecutionRequest request) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
            return new CompletableFuture<>();
        }
    }

    @Test
    void aRequestTheDataPlaneDoesNotAnswerIsServiceUnavailableAfterTheTimeout() throws Exception {
        // given a listener with a one-second request timeout and a single worker
        DeviceHttpOptions options = DeviceHttpOptions.DEFAULTS.withPort(0).withRequestTimeout(Duration.ofSeconds(1));
        try (DeviceHttpServer server = DeviceHttpServer.start(new DeviceHttpOptions(options.host(), 0, null,
                options.maxBodyBytes(), 1, options.requestTimeout(), options.limits(), options.timestampUnit()),
                new StuckDataPlane());
                IotJobsDataPlaneClient client = SdkClients.plain(server.boundPort())) {
            // when the device starts the next job and the engine never answers
            ServiceUnavailableException e = assertThrows(ServiceUnavailableException.class,
                    () -> client.startNextPendingJobExecution(r -> r.thingName("slow-1")));
            // then it is 503, and the worker is free for the next request
            assertEquals(503, e.statusCode());
            assertEquals(List.of(), client.getPendingJobExecutions(r -> r.thingName("slow-1")).queuedJobs());
        }
    }
}
