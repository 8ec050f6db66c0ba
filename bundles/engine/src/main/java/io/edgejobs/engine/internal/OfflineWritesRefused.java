package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The online-only gateway: a write that cannot reach AWS IoT is refused with InternalError, and nothing is changed
 * anywhere, so the device may simply retry (the AWS IoT Device Client and Greengrass retry InternalError).
 */
final class OfflineWritesRefused implements OfflineWrites {

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNext(
            StartNextPendingJobExecutionRequest request) {
        return CompletableFuture.failedFuture(refusal("StartNextPendingJobExecution"));
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> update(UpdateJobExecutionRequest request) {
        return CompletableFuture.failedFuture(refusal("UpdateJobExecution"));
    }

    private static JobsException refusal(String operation) {
        return new JobsException(ErrorCode.InternalError, "AWS IoT cannot be reached; " + operation
                + " was not applied (this gateway does not apply writes offline); retry later");
    }
}
