package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.ExecutionChange;
import io.edgejobs.api.jobs.Identifiers;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobsException;
import io.edgejobs.api.jobs.QueuedExecutions;
import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.api.jobs.ServiceTransitions;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job-management operations of the AWS IoT control plane, on the emulated cloud. Work on executions runs on
 * each thing's lane, so it is ordered with the devices' own requests; the caller waits until every affected thing
 * is done (AWS rolls out and cancels asynchronously; the emulator answers once it is done, which makes tests
 * deterministic).
 */
public final class ControlPlane {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    private final JobsCloud cloud;
    private final Arns arns;
    private final RequestValidator validator;
    private final NewJobs newJobs;
    private volatile int maxActiveJobs;

    public ControlPlane(JobsCloud cloud, Arns arns, RequestValidator validator, int maxActiveJobs) {
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.arns = Objects.requireNonNull(arns, "arns");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.newJobs = new NewJobs(arns, validator);
        this.maxActiveJobs = maxActiveJobs;
    }

    public Arns arns() {
        return arns;
    }

    public void setMaxActiveJobs(int maxActiveJobs) {
        this.maxActiveJobs = maxActiveJobs;
    }

    // ---- jobs --------------------------------------------------------------------------------------------------

    /** CreateJob: validates, stores the job, queues execution 1 on every target and notifies the things. */
    public Job createJob(CreateJobSpec spec) {
        Job job = newJobs.create(spec, cloud.now());
        cloud.updateJob(job.jobId(), current -> {
            if (current != null) {
                throw ControlPlaneException.alreadyExists("Job " + job.jobId() + " already exists");
            }
            long active = cloud.jobs().stream().filter(j -> j.status() == JobStatus.IN_PROGRESS).count();
            if (active >= maxActiveJobs) {
                throw ControlPlaneException.limitExceeded("At most " + maxActiveJobs
                        + " jobs may be IN_PROGRESS at a time; " + active + " are");
            }
            return job;
        });
        LOG.info("job {} created for things {}", job.jobId(), job.thingNames());
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (String thingName : job.thingNames()) {
            queued.add(cloud.onLane(thingName, () -> {
                Instant now = cloud.now();
                ExecutionRecord record = QueuedExecutions.queue(thingName, job.jobId(), 1,
                        job.inProgressTimeoutInMinutes(), now);
                cloud.change(thingName).put(CloudExecution.of(record)).commit(now);
                return null;
            }));
        }
        LaneWaits.awaitAll(queued);
        return cloud.job(job.jobId()).orElse(job);
    }

    public Job describeJob(String jobId) {
        return requireJob(jobId);
    }

    public JobProcessDetails processDetails(Job job) {
        return JobProcessDetails.of(cloud.latestExecutions(job));
    }

    public String jobDocument(String jobId) {
        return requireJob(jobId).document();
    }

    public Page<Job> listJobs(String status, String targetSelection, Integer maxResults, String nextToken) {
        List<Job> jobs = cloud.jobs().stream()
                .filter(j -> status == null || j.status().name().equals(status))
                .filter(j -> targetSelection == null || j.targetSelection().name().equals(targetSelection))
                .sorted(Comparator.comparing(Job::createdAt).reversed().thenComparing(Job::jobId))
                .toList();
        return Page.of(jobs, maxResults, nextToken);
    }

    /**
     * CancelJob: the job becomes CANCELED; its QUEUED executions are cancelled, and its IN_PROGRESS ones too when
     * {@code force}. Cancelling a CANCELED job again is allowed (with force it then also cancels what was left
     * IN_PROGRESS); a COMPLETED job or one being deleted cannot be cancelled.
     */
    public Job cancelJob(String jobId, boolean force, String reasonCode, String comment) {
        if (reasonCode != null && reasonCode.length() > 128) {
            throw ControlPlaneException.invalidRequest("reasonCode must be at most 128 characters");
        }
        if (comment != null && comment.length() > 2028) {
            throw ControlPlaneException.invalidRequest("comment must be at most 2028 characters");
        }
        Job canceled = cloud.updateJob(jobId, current -> {
            if (current == null) {
                throw notFoundJob(jobId);
            }
            if (current.status() == JobStatus.COMPLETED || current.status() == JobStatus.DELETION_IN_PROGRESS) {
                throw ControlPlaneException.invalidStateTransition("Job " + jobId + " is " + current.status()
                        + " and cannot be canceled");
            }
            return current.canceled(force, reasonCode, comment, cloud.now());
        });
        LOG.info("job {} canceled (force {})", jobId, force);
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (String thingName : canceled.thingNames()) {
            work.add(cloud.onLane(thingName, () -> {
                cancelOnThing(thingName, jobId, force);
                return null;
            }));
        }
        LaneWaits.awaitAll(work);
        return cloud.job(jobId).orElse(canceled);
    }

    private void cancelOnThing(String thingName, String jobId, boolean force) {
        Instant now = cloud.now();
        DueTimeouts.apply(cloud, thingName, now);
        ThingChange change = cloud.change(thingName);
        for (CloudExecution e : change.thing().ofJob(jobId)) {
            JobExecutionStatus status = e.record().status();
            if (status == JobExecutionStatus.QUEUED || (status == JobExecutionStatus.IN_PROGRESS && force)) {
                ExecutionChange c = ServiceTransitions.cancel(e.record(), force, null, null, now);
                change.put(e.withRecord(c.after(), force));
            }
        }
        change.commit(now);
    }

    /**
     * DeleteJob: without force only a job that is not IN_PROGRESS (COMPLETED or CANCELED) may be deleted; with
     * force any. Its executions disappear (devices get ResourceNotFound; pending lists change, so notifications
     * follow), then the job.
     */
    public void deleteJob(String jobId, boolean force) {
        Job deleting = cloud.updateJob(jobId, current -> {
            if (current == null) {
                throw notFoundJob(jobId);
            }
            if (current.status() == JobStatus.IN_PROGRESS && !force) {
                throw ControlPlaneException.invalidStateTransition("Job " + jobId
                        + " is IN_PROGRESS; only a COMPLETED or CANCELED job can be deleted without force");
            }
            if (current.status() == JobStatus.DELETION_IN_PROGRESS) {
                return current;
            }
            return current.deleting(cloud.now());
        });
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (String thingName : deleting.thingNames()) {
            work.add(cloud.onLane(thingName, () -> {
                ThingChange change = cloud.change(thingName);
                change.thing().ofJob(jobId).forEach(e -> change.remove(e.key()));
                change.commit(cloud.now());
                return null;
            }));
        }
        LaneWaits.awaitAll(work);
        cloud.updateJob(jobId, current -> null);
        LOG.info("job {} deleted (force {})", jobId, force);
    }

    // ---- executions --------------------------------------------------------------------------------------------

    public CloudExecution describeJobExecution(String jobId, String thingName, Long executionNumber) {
        validateIds(jobId, thingName);
        return findExecution(cloud.existingThing(thingName), jobId, executionNumber)
                .orElseThrow(() -> notFoundExecution(jobId, thingName, executionNumber));
    }

    /**
     * CancelJobExecution: the latest execution of the job on the thing; QUEUED → CANCELED, IN_PROGRESS → CANCELED
     * only with force; expectedVersion checked first (VersionConflictException); statusDetails replace the
     * current ones when given.
     */
    public void cancelJobExecution(String jobId, String thingName, boolean force, Long expectedVersion,
            Map<String, String> statusDetails) {
        validateIds(jobId, thingName);
        try {
            validator.validateStatusDetails(statusDetails);
        } catch (JobsException e) {
            throw ControlPlaneException.of(e);
        }
        LaneWaits.await(cloud.onLane(thingName, () -> {
            Instant now = cloud.now();
            DueTimeouts.apply(cloud, thingName, now);
            ThingChange change = cloud.change(thingName);
            CloudExecution current = change.thing().latest(jobId)
                    .orElseThrow(() -> notFoundExecution(jobId, thingName, null));
            ExecutionChange c;
            try {
                c = ServiceTransitions.cancel(current.record(), force, expectedVersion, statusDetails, now);
            } catch (JobsException e) {
                throw ControlPlaneException.of(e);
            }
            change.put(current.withRecord(c.after(), force)).commit(now);
            LOG.info("thing {} job {}: execution {} canceled (force {})", thingName, jobId,
                    current.record().executionNumber(), force);
            return null;
        }));
    }

    /**
     * DeleteJobExecution: without force only a terminal execution may be deleted; with force a QUEUED or
     * IN_PROGRESS one too (its device then gets ResourceNotFound).
     */
    public void deleteJobExecution(String jobId, String thingName, long executionNumber, boolean force) {
        validateIds(jobId, thingName);
        LaneWaits.await(cloud.onLane(thingName, () -> {
            ThingChange change = cloud.change(thingName);
            CloudExecution current = change.thing().get(jobId, executionNumber)
                    .orElseThrow(() -> notFoundExecution(jobId, thingName, executionNumber));
            if (!current.record().status().isTerminal() && !force) {
                throw ControlPlaneException.invalidStateTransition("Job execution " + current.key() + " is "
                        + current.record().status() + "; only a terminal execution can be deleted without force");
            }
            change.remove(current.key()).commit(cloud.now());
            LOG.info("thing {} job {}: execution {} deleted (force {})", thingName, jobId, executionNumber, force);
            return null;
        }));
    }

    /** Every execution of the job (retries included), by thing in target order, then execution number. */
    public Page<CloudExecution> listJobExecutionsForJob(String jobId, String status, Integer maxResults,
            String nextToken) {
        Job job = requireJob(jobId);
        JobExecutionStatus filter = statusFilter(status);
        List<CloudExecution> all = job.thingNames().stream()
                .flatMap(t -> cloud.existingThing(t).stream())
                .flatMap(t -> t.ofJob(jobId).stream())
                .filter(e -> filter == null || e.record().status() == filter)
                .toList();
        return Page.of(all, maxResults, nextToken);
    }

    /** Every execution on the thing, most recently queued first. */
    public Page<CloudExecution> listJobExecutionsForThing(String thingName, String status, String jobId,
            Integer maxResults, String nextToken) {
        if (!Identifiers.isValidThingName(thingName)) {
            throw ControlPlaneException.invalidRequest("thingName must match " + Identifiers.THING_NAME_RULE);
        }
        JobExecutionStatus filter = statusFilter(status);
        List<CloudExecution> all = cloud.existingThing(thingName).map(ThingExecutions::all).orElse(List.of())
                .stream()
                .filter(e -> filter == null || e.record().status() == filter)
                .filter(e -> jobId == null || e.record().jobId().equals(jobId))
                .sorted(Comparator.comparing((CloudExecution e) -> e.record().queuedAt()).reversed()
                        .thenComparing(e -> e.record().jobId())
                        .thenComparing(Comparator.comparingLong((CloudExecution e) -> e.record().executionNumber())
                                .reversed()))
                .toList();
        return Page.of(all, maxResults, nextToken);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Job requireJob(String jobId) {
        if (!Identifiers.isValidJobId(jobId)) {
            throw ControlPlaneException.invalidRequest("jobId must match " + Identifiers.JOB_ID_RULE + ", got " + jobId);
        }
        return cloud.job(jobId).orElseThrow(() -> notFoundJob(jobId));
    }

    private static Optional<CloudExecution> findExecution(Optional<ThingExecutions> thing, String jobId,
            Long executionNumber) {
        return thing.flatMap(t -> executionNumber == null ? t.latest(jobId) : t.get(jobId, executionNumber));
    }

    private static void validateIds(String jobId, String thingName) {
        if (!Identifiers.isValidJobId(jobId)) {
            throw ControlPlaneException.invalidRequest("jobId must match " + Identifiers.JOB_ID_RULE + ", got " + jobId);
        }
        if (!Identifiers.isValidThingName(thingName)) {
            throw ControlPlaneException.invalidRequest("thingName must match " + Identifiers.THING_NAME_RULE
                    + ", got " + thingName);
        }
    }

    private static JobExecutionStatus statusFilter(String status) {
        if (status == null) {
            return null;
        }
        JobExecutionStatus s = JobExecutionStatus.fromWire(status.toUpperCase(Locale.ROOT));
        if (s == null) {
            throw ControlPlaneException.invalidRequest("status " + status + " is not a job execution status");
        }
        return s;
    }

    private static ControlPlaneException notFoundJob(String jobId) {
        return ControlPlaneException.notFound("Job " + jobId + " does not exist");
    }

    private static ControlPlaneException notFoundExecution(String jobId, String thingName, Long executionNumber) {
        return ControlPlaneException.notFound("Job execution of job " + jobId + " on thing " + thingName
                + (executionNumber == null ? "" : " with executionNumber " + executionNumber) + " does not exist");
    }
}
