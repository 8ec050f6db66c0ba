package io.edgejobs.api.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Replays the series of examples of the AWS IoT developer guide, jobs-comm-notifications.md ("The following series
 * of examples show the notifications that are published to each topic as job executions are created and change
 * from one state to another"; awsdocs/aws-iot-docs), and checks exactly which notifications are published and
 * their content. Timestamps are the document's epoch seconds.
 */
class NotificationWorkedExampleTest {

    private static final String THING = "thingName";
    private static final String DOC = "{\"operation\":\"test\"}";
    private static final Function<String, String> DOCUMENTS = jobId -> DOC;

    private final ExecutionUpdates updates = new ExecutionUpdates();
    private final List<ExecutionRecord> executions = new ArrayList<>();
    private final List<String> published = new ArrayList<>();

    @Test
    @DisplayName("jobs-comm-notifications.md worked example: job1, job2, job3; start job1; succeed job1; start job3 early; reject job2; force-delete job3")
    void replayTheWholeSequence() {
        // "First, one job, called job1, is created." → notify and notify-next
        PendingNotifications n = step(s(1517016948), list -> add(list, queued("job1", 1517016947)));
        assertEquals(List.of("notify", "notify-next"), drain());
        assertList(n.listNotification(), s(1517016948), List.of(),
                List.of(summary("job1", 1517016947, null, 1517016947, 1)));
        assertNext(n.nextNotification(), s(1517016948), "job1", JobExecutionStatus.QUEUED, 1517016947, null,
                1517016947, 1);

        // "When another job is created (job2)" → notify only: "the next job in the queue (job1) has not changed"
        n = step(s(1517017192), list -> add(list, queued("job2", 1517017191)));
        assertEquals(List.of("notify"), drain());
        assertList(n.listNotification(), s(1517017192), List.of(), List.of(
                summary("job1", 1517016947, null, 1517016947, 1),
                summary("job2", 1517017191, null, 1517017191, 1)));

        // "When job1 starts to execute, its status changes to IN_PROGRESS. No notifications are published"
        step(s(1517017472), list -> {
            updates.startNext(list, new StartNextPendingJobExecutionRequest(THING, null, null, null), s(1517017472))
                    .ifPresent(c -> replace(list, c.after()));
            return list;
        });
        assertEquals(List.of(), drain());

        // "When a third job (job3) is added" → notify; "not published to jobs/notify-next ... still job1"
        n = step(s(1517017906), list -> add(list, queued("job3", 1517017905)));
        assertEquals(List.of("notify"), drain());
        assertList(n.listNotification(), s(1517017906),
                List.of(summary("job1", 1517016947, 1517017472L, 1517017472, 2)),
                List.of(summary("job2", 1517017191, null, 1517017191, 1),
                        summary("job3", 1517017905, null, 1517017905, 1)));

        // "When job1 is complete, its status changes to SUCCEEDED" → notify, and notify-next with job2
        n = step(s(1517186269), list -> device(list, "job1", JobExecutionStatus.SUCCEEDED, s(1517186269)));
        assertEquals(List.of("notify", "notify-next"), drain());
        assertList(n.listNotification(), s(1517186269), List.of(), List.of(
                summary("job2", 1517017191, null, 1517017191, 1),
                summary("job3", 1517017905, null, 1517017905, 1)));
        assertNext(n.nextNotification(), s(1517186269), "job2", JobExecutionStatus.QUEUED, 1517017191, null,
                1517017191, 1);

        // "If job3 must begin executing before job2 ... this notification is published to jobs/notify-next";
        // "No notification is published to the jobs/notify topic because no job has been added or removed"
        n = step(s(1517186779), list -> device(list, "job3", JobExecutionStatus.IN_PROGRESS, s(1517186779)));
        assertEquals(List.of("notify-next"), drain());
        assertNext(n.nextNotification(), s(1517186779), "job3", JobExecutionStatus.IN_PROGRESS, 1517017905,
                1517186779L, 1517186779, 2);

        // "If the device rejects job2 and updates its status to REJECTED" → notify with job3 only
        n = step(s(1517189392), list -> device(list, "job2", JobExecutionStatus.REJECTED, s(1517189392)));
        assertEquals(List.of("notify"), drain());
        assertList(n.listNotification(), s(1517189392),
                List.of(summary("job3", 1517017905, 1517186779L, 1517186779, 2)), List.of());
        assertEquals(List.of(JobExecutionStatus.IN_PROGRESS), List.copyOf(n.listNotification().jobs().keySet()));

        // "If job3 (which is still in progress) is force deleted" → notify {"jobs": {}} and notify-next without
        // execution ("At this point, the queue is empty")
        n = step(s(1517189551), list -> {
            list.removeIf(r -> r.jobId().equals("job3"));
            return list;
        });
        assertEquals(List.of("notify", "notify-next"), drain());
        assertEquals(new JobExecutionsChangedEvent(Map.of(), s(1517189551)), n.listNotification());
        assertEquals(new NextJobExecutionChangedEvent(null, s(1517189551)), n.nextNotification());
    }

    private PendingNotifications step(Instant now, UnaryOperator<List<ExecutionRecord>> change) {
        List<ExecutionRecord> before = List.copyOf(executions);
        List<ExecutionRecord> after = change.apply(new ArrayList<>(executions));
        executions.clear();
        executions.addAll(after);
        PendingNotifications n = PendingJobs.notifications(before, after, DOCUMENTS, now);
        n.notifyEvent().ifPresent(e -> published.add("notify"));
        n.notifyNextEvent().ifPresent(e -> published.add("notify-next"));
        return n;
    }

    private List<String> drain() {
        List<String> copy = List.copyOf(published);
        published.clear();
        return copy;
    }

    private List<ExecutionRecord> device(List<ExecutionRecord> list, String jobId, JobExecutionStatus status,
            Instant now) {
        ExecutionRecord current = list.stream().filter(r -> r.jobId().equals(jobId)).findFirst().orElseThrow();
        UpdateJobExecutionRequest request = new UpdateJobExecutionRequest(THING, jobId, status, null, null, null,
                false, false, null, null);
        replace(list, updates.applyUpdate(current, request, now).after());
        return list;
    }

    private static List<ExecutionRecord> add(List<ExecutionRecord> list, ExecutionRecord r) {
        list.add(r);
        return list;
    }

    private static void replace(List<ExecutionRecord> list, ExecutionRecord r) {
        list.replaceAll(x -> x.jobId().equals(r.jobId()) && x.executionNumber() == r.executionNumber() ? r : x);
    }

    private static ExecutionRecord queued(String jobId, long queuedAt) {
        return QueuedExecutions.queue(THING, jobId, 1, null, s(queuedAt));
    }

    private static JobExecutionSummary summary(String jobId, long queuedAt, Long startedAt, long lastUpdatedAt,
            long version) {
        return new JobExecutionSummary(jobId, s(queuedAt), startedAt == null ? null : s(startedAt), s(lastUpdatedAt),
                version, 1);
    }

    private static void assertList(JobExecutionsChangedEvent event, Instant timestamp,
            List<JobExecutionSummary> inProgress, List<JobExecutionSummary> queued) {
        Map<JobExecutionStatus, List<JobExecutionSummary>> expected = new LinkedHashMap<>();
        if (!inProgress.isEmpty()) {
            expected.put(JobExecutionStatus.IN_PROGRESS, inProgress);
        }
        if (!queued.isEmpty()) {
            expected.put(JobExecutionStatus.QUEUED, queued);
        }
        assertEquals(new JobExecutionsChangedEvent(expected, timestamp), event);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(event.jobs().keySet()));
    }

    private static void assertNext(NextJobExecutionChangedEvent event, Instant timestamp, String jobId,
            JobExecutionStatus status, long queuedAt, Long startedAt, long lastUpdatedAt, long version) {
        assertEquals(timestamp, event.timestamp());
        JobExecution e = event.execution();
        assertEquals(jobId, e.jobId());
        assertEquals(status, e.status());
        assertEquals(s(queuedAt), e.queuedAt());
        assertEquals(startedAt == null ? null : s(startedAt), e.startedAt());
        assertEquals(s(lastUpdatedAt), e.lastUpdatedAt());
        assertEquals(version, e.versionNumber());
        assertEquals(1L, e.executionNumber());
        assertEquals(DOC, e.jobDocument());
        assertNull(e.approximateSecondsBeforeTimedOut());
    }

    private static Instant s(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds);
    }
}
