package io.edgejobs.engine.internal;

import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import java.util.concurrent.CompletionStage;

/**
 * How StartNextPendingJobExecution and UpdateJobExecution are answered when the request could not be sent to AWS
 * IoT (the cloud never saw it). Called on the thing's request lane, so requests of one thing stay in order.
 *
 * <p>Implemented by {@link LocalWrites}: the change is applied to the cached execution with the shared rules
 * ({@link io.edgejobs.api.jobs.ExecutionUpdates}), appended to the store's outbox in the same commit, and answered
 * with the local version once durable.
 */
interface OfflineWrites {

    CompletionStage<StartNextPendingJobExecutionResponse> startNext(StartNextPendingJobExecutionRequest request);

    CompletionStage<UpdateJobExecutionResponse> update(UpdateJobExecutionRequest request);
}
