package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.emulator.internal.clock.EmulatorClock;
import io.edgejobs.emulator.internal.store.CloudStore;
import io.edgejobs.emulator.internal.store.StoreWrite;
import io.edgejobs.emulator.internal.store.StoredState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated cloud's state: jobs, every thing's executions, the lanes that serialize work per thing, the timer
 * index, and the store everything is written through.
 *
 * <p>Concurrency: a thing's executions change only on its lane. A job's own record (status, cancel details)
 * changes under that job's monitor, held only for the store write; nothing holds a lock while waiting for a lane.
 */
public final class JobsCloud implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobsCloud.class);

    private final EmulatorClock clock;
    private final CloudStore store;
    private final ThingLanes lanes;
    private final PresignedUrlSigner signer;
    private final Deadlines deadlines = new Deadlines();
    private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> jobMonitors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ThingExecutions> things = new ConcurrentHashMap<>();
    private volatile NotificationSink notifications = NotificationSink.NONE;

    /**
     * @param region the region presigned URLs are signed for (their {@code X-Amz-Credential} scope)
     */
    public JobsCloud(EmulatorClock clock, CloudStore store, int laneThreads, String region) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.lanes = new ThingLanes("emulator", laneThreads);
        this.signer = new PresignedUrlSigner(region);
    }

    /** Takes over what the store held at start. */
    public void load(StoredState state) {
        state.jobs().forEach(j -> jobs.put(j.jobId(), j));
        for (CloudExecution e : state.executions()) {
            thing(e.record().thingName()).put(e);
            deadlines.track(e.record());
        }
    }

    public EmulatorClock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    CloudStore store() {
        return store;
    }

    Deadlines deadlines() {
        return deadlines;
    }

    NotificationSink notifications() {
        return notifications;
    }

    /** Where notify and notify-next go from now on. */
    public void setNotificationSink(NotificationSink sink) {
        this.notifications = Objects.requireNonNull(sink, "sink");
    }

    /** Runs work on a thing's lane, after everything submitted for that thing before. */
    public <T> CompletableFuture<T> onLane(String thingName, Supplier<T> work) {
        return lanes.submit(thingName, work);
    }

    /** The thing's executions, created empty on first use. */
    public ThingExecutions thing(String thingName) {
        return things.computeIfAbsent(thingName, ThingExecutions::new);
    }

    /** The thing's executions if it ever had any. */
    public Optional<ThingExecutions> existingThing(String thingName) {
        return Optional.ofNullable(things.get(thingName));
    }

    /** Every thing that has executions. */
    public Collection<ThingExecutions> things() {
        return List.copyOf(things.values());
    }

    /** Starts a change of a thing's executions; call on the thing's lane only. */
    public ThingChange change(String thingName) {
        return new ThingChange(this, thing(thingName));
    }

    public Optional<Job> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    public Collection<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    /**
     * The job document as it leaves the cloud for a device at {@code now} (Describe, StartNext, Update with
     * {@code includeJobDocument}, notify-next): its presigned-URL placeholders replaced by URLs signed at
     * {@code now}, as AWS IoT signs them afresh each time it hands the document out. The stored document keeps its
     * placeholders (GetJobDocument shows them). Null once the job is gone.
     */
    public String documentFor(String jobId, Instant now) {
        Job job = jobs.get(jobId);
        return job == null ? null : signer.expand(job.document(), job.presignedUrlConfig(), now);
    }

    /**
     * Changes a job's own record under its monitor: {@code change} sees the current job (null when none) and
     * returns the new one (null to delete it, or the same instance to change nothing). The new record is durable
     * before it becomes visible.
     *
     * @return the job after the change, or null when there is none
     */
    public Job updateJob(String jobId, UnaryOperator<Job> change) {
        Object monitor = jobMonitors.computeIfAbsent(jobId, k -> new Object());
        synchronized (monitor) {
            Job current = jobs.get(jobId);
            Job next = change.apply(current);
            if (next == current) {
                return current;
            }
            if (next == null) {
                store.write(List.of(new StoreWrite.DeleteJob(jobId), new StoreWrite.SaveClock(now())));
                jobs.remove(jobId);
                return null;
            }
            store.write(List.of(new StoreWrite.PutJob(next), new StoreWrite.SaveClock(now())));
            jobs.put(jobId, next);
            return next;
        }
    }

    /** The latest execution of a job on each of its targets (a thing without one is missing from the list). */
    public List<CloudExecution> latestExecutions(Job job) {
        return job.thingNames().stream()
                .map(things::get)
                .filter(Objects::nonNull)
                .map(t -> t.latest(job.jobId()))
                .flatMap(Optional::stream)
                .toList();
    }

    /** Completes an IN_PROGRESS SNAPSHOT job once the latest execution of every target is terminal (or deleted). */
    void completeJobIfDone(String jobId, Instant now) {
        Job job = jobs.get(jobId);
        if (job == null || job.status() != JobStatus.IN_PROGRESS || job.targetSelection() != TargetSelection.SNAPSHOT) {
            return;
        }
        boolean done = latestExecutions(job).stream().map(CloudExecution::record)
                .map(ExecutionRecord::status).allMatch(s -> s.isTerminal());
        if (!done) {
            return;
        }
        Job after = updateJob(jobId, current -> current != null && current.status() == JobStatus.IN_PROGRESS
                && latestExecutions(current).stream().allMatch(e -> e.record().status().isTerminal())
                ? current.completed(now) : current);
        if (after != null && after.status() == JobStatus.COMPLETED) {
            LOG.info("job {} completed: every execution is terminal", jobId);
        }
    }

    @Override
    public void close() {
        lanes.close();
        try {
            store.write(List.of(new StoreWrite.SaveClock(now())));
        } catch (RuntimeException e) {
            LOG.warn("could not save the emulated clock on close", e);
        }
    }
}
