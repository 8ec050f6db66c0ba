package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsDataPlane;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ExecutionChange;
import io.edgejobs.api.jobs.ExecutionUpdates;
import io.edgejobs.api.jobs.ExecutionViews;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.PendingJobs;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device data plane of the emulated cloud, transport-neutral: the four operations run on the thing's lane
 * with the shared rules of {@code io.edgejobs.api.jobs} (validation, state machine, StartNext order, versions,
 * timers, notifications). Rejections complete the stage with a {@link JobsException}.
 */
public final class EmulatedDataPlane implements JobsDataPlane {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatedDataPlane.class);

    private final JobsCloud cloud;
    private final RequestValidator validator;
    private final ExecutionUpdates updates;
    private final boolean terminalDescribeIsError;

    public EmulatedDataPlane(JobsCloud cloud, DataPlaneOptions options) {
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.validator = new RequestValidator(options.limits());
        this.updates = new ExecutionUpdates(options.statusDetailsMode(), options.limits());
        this.terminalDescribeIsError = options.terminalDescribeIsError();
    }

    @Override
    public CompletionStage<GetPendingJobExecutionsResponse> getPendingJobExecutions(
            GetPendingJobExecutionsRequest request) {
        return run(request, () -> {
            Instant now = cloud.now();
            return PendingJobs.getPending(records(request.thingName()), now, request.clientToken());
        });
    }

    @Override
    public CompletionStage<StartNextPendingJobExecutionResponse> startNextPendingJobExecution(
            StartNextPendingJobExecutionRequest request) {
        return run(request, () -> {
            Instant now = cloud.now();
            ThingExecutions thing = cloud.thing(request.thingName());
            Optional<ExecutionChange> change = updates.startNext(thing.records(), request, now);
            if (change.isEmpty()) {
                return new StartNextPendingJobExecutionResponse(null, now, request.clientToken());
            }
            ExecutionRecord after = change.get().after();
            if (change.get().changed()) {
                CloudExecution current = execution(thing, after.jobId(), after.executionNumber());
                cloud.change(request.thingName()).put(current.withRecord(after, current.forceCanceled())).commit(now);
                LOG.debug("thing {} job {}: StartNext {} -> {}", request.thingName(), after.jobId(),
                        change.get().before().status(), after.status());
            }
            return new StartNextPendingJobExecutionResponse(
                    ExecutionViews.toJobExecution(after, cloud.documentFor(after.jobId(), now), now), now,
                    request.clientToken());
        });
    }

    @Override
    public CompletionStage<DescribeJobExecutionResponse> describeJobExecution(DescribeJobExecutionRequest request) {
        return run(request, () -> {
            Instant now = cloud.now();
            ThingExecutions thing = cloud.existingThing(request.thingName())
                    .orElseGet(() -> new ThingExecutions(request.thingName()));
            Optional<ExecutionRecord> found;
            if (request.isNext()) {
                found = PendingJobs.next(thing.records());
                if (found.isEmpty()) {
                    return new DescribeJobExecutionResponse(null, now, request.clientToken());
                }
            } else {
                found = (request.executionNumber() == null
                        ? thing.latest(request.jobId())
                        : thing.get(request.jobId(), request.executionNumber())).map(CloudExecution::record);
            }
            ExecutionRecord record = found.orElseThrow(() -> notFound(request.thingName(), request.jobId(),
                    request.executionNumber()));
            if (terminalDescribeIsError && record.status().isTerminal()) {
                throw new JobsException(ErrorCode.TerminalStateReached, "Job execution " + record.jobId()
                        + " on thing " + record.thingName() + " is in terminal status " + record.status());
            }
            boolean withDocument = !Boolean.FALSE.equals(request.includeJobDocument());
            return new DescribeJobExecutionResponse(ExecutionViews.toJobExecution(record,
                    withDocument ? cloud.documentFor(record.jobId(), now) : null, now), now, request.clientToken());
        });
    }

    @Override
    public CompletionStage<UpdateJobExecutionResponse> updateJobExecution(UpdateJobExecutionRequest request) {
        return run(request, () -> {
            Instant now = cloud.now();
            ThingExecutions thing = cloud.thing(request.thingName());
            CloudExecution current = (request.executionNumber() == null
                    ? thing.latest(request.jobId())
                    : thing.get(request.jobId(), request.executionNumber()))
                    .orElseThrow(() -> notFound(request.thingName(), request.jobId(), request.executionNumber()));
            ExecutionChange change = updates.applyUpdate(current.record(), request, now);
            ExecutionRecord after = change.after();
            cloud.change(request.thingName()).putWithRetry(current.withRecord(after, current.forceCanceled()), now)
                    .commit(now);
            LOG.debug("thing {} job {}: update {} -> {} (version {})", request.thingName(), request.jobId(),
                    change.before().status(), after.status(), after.versionNumber());
            // the document is signed only when the answer carries it (includeJobDocument)
            return ExecutionViews.toUpdateResponse(after, request,
                    request.includeJobDocument() ? cloud.documentFor(request.jobId(), now) : null, now);
        });
    }

    /** Validates, then runs the work on the thing's lane after timing out what is due (AWS does it at the deadline). */
    private <T> CompletionStage<T> run(JobsRequest request, Supplier<T> work) {
        try {
            validator.validate(request);
        } catch (JobsException e) {
            return CompletableFuture.failedFuture(e);
        }
        return cloud.onLane(request.thingName(), () -> {
            DueTimeouts.apply(cloud, request.thingName(), cloud.now());
            return work.get();
        });
    }

    private List<ExecutionRecord> records(String thingName) {
        return cloud.existingThing(thingName).map(ThingExecutions::records).orElse(List.of());
    }

    private static CloudExecution execution(ThingExecutions thing, String jobId, long executionNumber) {
        return thing.get(jobId, executionNumber).orElseThrow(() -> new IllegalStateException(
                "execution " + thing.thingName() + "/" + jobId + "#" + executionNumber + " vanished on its lane"));
    }

    private static JobsException notFound(String thingName, String jobId, Long executionNumber) {
        return new JobsException(ErrorCode.ResourceNotFound, "Job execution of job " + jobId + " on thing "
                + thingName + (executionNumber == null ? "" : " with executionNumber " + executionNumber)
                + " does not exist");
    }
}
