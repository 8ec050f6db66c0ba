package io.edgejobs.device.http.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.wire.HttpJobsCodec;
import io.edgejobs.wire.HttpJobsResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decoded request through the {@link JobsDataPlane} and back to an HTTP answer: the success encoded by the
 * codec, a {@link JobsException} as its AWS error, a timeout or any other failure as 503
 * ServiceUnavailableException (InternalError's HTTPS shape). Waits for the stage on the calling worker thread, so
 * the worker pool bounds the requests in progress; the data plane completes the stage only once the outcome is
 * durable.
 */
final class DataPlaneCalls {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneCalls.class);

    private final JobsDataPlane dataPlane;
    private final HttpJobsCodec codec;
    private final Duration timeout;

    DataPlaneCalls(JobsDataPlane dataPlane, HttpJobsCodec codec, Duration timeout) {
        this.dataPlane = dataPlane;
        this.codec = codec;
        this.timeout = timeout;
    }

    HttpJobsResponse answer(JobsRequest request) {
        CompletableFuture<HttpJobsResponse> answer = call(request).toCompletableFuture();
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false);
            LOG.warn("{}: the gateway engine did not answer {} within {} s", request.thingName(),
                    request.getClass().getSimpleName(), timeout.toSeconds());
            return codec.encodeError(new JobsException(ErrorCode.InternalError, "The gateway did not answer within "
                    + timeout.toSeconds() + " s; the request may or may not have been applied"));
        } catch (ExecutionException e) {
            return codec.encodeError(asJobsException(e.getCause(), request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return codec.encodeError(new JobsException(ErrorCode.InternalError, "The gateway is stopping"));
        }
    }

    private CompletionStage<HttpJobsResponse> call(JobsRequest request) {
        try {
            if (request instanceof GetPendingJobExecutionsRequest r) {
                return dataPlane.getPendingJobExecutions(r).thenApply(codec::encodeResponse);
            } else if (request instanceof StartNextPendingJobExecutionRequest r) {
                return dataPlane.startNextPendingJobExecution(r).thenApply(codec::encodeResponse);
            } else if (request instanceof DescribeJobExecutionRequest r) {
                return dataPlane.describeJobExecution(r).thenApply(codec::encodeResponse);
            } else if (request instanceof UpdateJobExecutionRequest r) {
                return dataPlane.updateJobExecution(r).thenApply(codec::encodeResponse);
            }
            return CompletableFuture.failedFuture(new IllegalStateException("unknown request " + request));
        } catch (RuntimeException e) {
            // a data plane that throws instead of failing its stage still gets the device an answer
            return CompletableFuture.failedFuture(e);
        }
    }

    private static JobsException asJobsException(Throwable error, JobsRequest request) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof JobsException e) {
            return e;
        }
        LOG.error("{}: internal error while answering {}", request.thingName(), request.getClass().getSimpleName(),
                cause);
        return new JobsException(ErrorCode.InternalError, "Internal error: " + cause.getClass().getSimpleName());
    }
}
