package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.PendingJobs;
import io.edgejobs.api.jobs.PendingNotifications;
import io.edgejobs.api.store.ExecutionRecord;
import io.edgejobs.emulator.internal.store.StoreWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The changes one lane task makes to one thing's executions, applied together by {@link #commit}: written to the
 * store (durable before anyone hears of them), applied to memory, timers re-indexed, then notify / notify-next
 * published exactly when {@link PendingJobs#decide} says AWS publishes them, and SNAPSHOT jobs completed when their
 * last execution ended. Must be used on the thing's lane only.
 */
public final class ThingChange {

    private final JobsCloud cloud;
    private final ThingExecutions thing;
    private final List<ExecutionRecord> before;
    private final Map<ExecutionKey, CloudExecution> puts = new LinkedHashMap<>();
    private final Set<ExecutionKey> removes = new LinkedHashSet<>();

    ThingChange(JobsCloud cloud, ThingExecutions thing) {
        this.cloud = cloud;
        this.thing = thing;
        this.before = thing.records();
    }

    public ThingExecutions thing() {
        return thing;
    }

    /** Stores a new or changed execution. */
    public ThingChange put(CloudExecution execution) {
        removes.remove(execution.key());
        puts.put(execution.key(), execution);
        return this;
    }

    /**
     * Stores a changed execution and, when it just ended FAILED or TIMED_OUT and the job's retry configuration
     * allows it, the retry queued behind it.
     */
    public ThingChange putWithRetry(CloudExecution execution, Instant now) {
        put(execution);
        ExecutionRecord ended = execution.record();
        List<ExecutionRecord> ofJob = Stream.concat(
                        thing.ofJob(ended.jobId()).stream().filter(e -> !puts.containsKey(e.key())),
                        puts.values().stream().filter(e -> e.record().jobId().equals(ended.jobId())))
                .map(CloudExecution::record).toList();
        Retries.retryFor(cloud.job(ended.jobId()).orElse(null), ofJob, ended, now)
                .ifPresent(retry -> put(CloudExecution.of(retry)));
        return this;
    }

    /** Deletes an execution. */
    public ThingChange remove(ExecutionKey key) {
        puts.remove(key);
        removes.add(key);
        return this;
    }

    /**
     * Persists, applies and announces the changes.
     *
     * @param now the emulated time of the change (stamped on the notifications)
     */
    public void commit(Instant now) {
        if (puts.isEmpty() && removes.isEmpty()) {
            return;
        }
        List<StoreWrite> writes = new ArrayList<>();
        puts.values().forEach(e -> writes.add(new StoreWrite.PutExecution(e)));
        removes.forEach(k -> writes.add(new StoreWrite.DeleteExecution(k)));
        writes.add(new StoreWrite.SaveClock(now));
        cloud.store().write(writes);

        puts.values().forEach(e -> {
            thing.put(e);
            cloud.deadlines().track(e.record());
        });
        removes.forEach(k -> {
            thing.remove(k);
            cloud.deadlines().forget(k);
        });

        PendingNotifications notifications = PendingJobs.notifications(before, thing.records(),
                jobId -> cloud.documentFor(jobId, now), now);
        if (notifications.listNotification() != null || notifications.nextNotification() != null) {
            cloud.notifications().publish(thing.thingName(), notifications);
        }

        Set<String> endedJobs = Stream.concat(
                        puts.values().stream().filter(e -> e.record().status().isTerminal()).map(e -> e.key().jobId()),
                        removes.stream().map(ExecutionKey::jobId))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        endedJobs.forEach(jobId -> cloud.completeJobIfDone(jobId, now));
    }
}
