package io.edgejobs.api.jobs;

import static io.edgejobs.api.jobs.Fixtures.T0;
import static io.edgejobs.api.jobs.Fixtures.THING;
import static io.edgejobs.api.jobs.Fixtures.at;
import static io.edgejobs.api.jobs.Fixtures.queued;
import static io.edgejobs.api.jobs.Fixtures.update;
import static io.edgejobs.api.jobs.Fixtures.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.store.ExecutionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PendingJobsTest {

    private final ExecutionUpdates updates = new ExecutionUpdates();

    private ExecutionRecord started(ExecutionRecord r, String hhmmss) {
        return updates.applyUpdate(r, update(r.jobId(), JobExecutionStatus.IN_PROGRESS), at(hhmmss)).after();
    }

    private static List<ExecutionRecord> queuedJobs(int n) {
        List<ExecutionRecord> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(queued(String.format("job%02d", i), T0.plus(Duration.ofMinutes(i))));
        }
        return list;
    }

    @Test
    @DisplayName("'sorted by status (IN_PROGRESS before QUEUED) and then by the times when they were queued'; terminal ones left out")
    void queueOrder() {
        ExecutionRecord q1 = queued("q1", at("08:00:00"));
        ExecutionRecord p1 = started(queued("p1", at("09:00:00")), "10:00:00");
        ExecutionRecord q0 = queued("q0", at("07:00:00"));
        ExecutionRecord p0 = started(queued("p0", at("08:30:00")), "11:00:00");
        ExecutionRecord done = withStatus(queued("done", at("06:00:00")), JobExecutionStatus.SUCCEEDED);
        List<String> ids = PendingJobs.pending(List.of(q1, p1, q0, done, p0)).stream().map(ExecutionRecord::jobId)
                .toList();
        assertEquals(List.of("p0", "p1", "q0", "q1"), ids);
        assertEquals("p0", PendingJobs.next(List.of(q1, p1, q0, done, p0)).orElseThrow().jobId());
        assertTrue(PendingJobs.next(List.of(done)).isEmpty());
    }

    @Test
    @DisplayName("GetPendingJobExecutions: inProgressJobs and queuedJobs, each in queue order, timestamp and clientToken")
    void getPending() {
        ExecutionRecord q = queued("q", at("08:00:00"));
        ExecutionRecord p = started(queued("p", at("09:00:00")), "10:00:00");
        GetPendingJobExecutionsResponse r = PendingJobs.getPending(List.of(q, p), at("12:00:00"), "tok");
        assertEquals(List.of(ExecutionViews.toSummary(p)), r.inProgressJobs());
        assertEquals(List.of(ExecutionViews.toSummary(q)), r.queuedJobs());
        assertEquals(at("12:00:00"), r.timestamp());
        assertEquals("tok", r.clientToken());
    }

    @Test
    @DisplayName("ListNotification 'contains a list of no more than 10 pending job executions' (2023 text), IN_PROGRESS first")
    void capAtTen() {
        // given one IN_PROGRESS execution queued last and 11 QUEUED ones
        List<ExecutionRecord> all = new ArrayList<>(queuedJobs(11));
        all.add(started(queued("late", T0.plus(Duration.ofHours(1))), "13:00:00"));
        // when listing
        JobExecutionsChangedEvent e = PendingJobs.listNotification(all, at("14:00:00"));
        // then 10 entries in all: the IN_PROGRESS one and the 9 oldest QUEUED
        assertEquals(10, PendingJobs.MAX_LISTED_EXECUTIONS);
        assertEquals(List.of("late"),
                e.jobs().get(JobExecutionStatus.IN_PROGRESS).stream().map(JobExecutionSummary::jobId).toList());
        List<JobExecutionSummary> queued = e.jobs().get(JobExecutionStatus.QUEUED);
        assertEquals(9, queued.size());
        assertEquals("job00", queued.get(0).jobId());
        assertEquals("job08", queued.get(8).jobId());
        GetPendingJobExecutionsResponse r = PendingJobs.getPending(all, at("14:00:00"), null);
        assertEquals(10, r.inProgressJobs().size() + r.queuedJobs().size());
        assertEquals(15, PendingJobs.getPending(queuedJobs(20), 15, at("14:00:00"), null).queuedJobs().size());
    }

    @Test
    @DisplayName("Empty queue: ListNotification is {\"jobs\": {}} and NextNotification has no execution")
    void emptyQueue() {
        assertEquals(Map.of(), PendingJobs.listNotification(List.of(), at("12:00:00")).jobs());
        assertEquals(null, PendingJobs.nextNotification(List.of(), id -> "{}", at("12:00:00")).execution());
    }

    @Test
    @DisplayName("NextNotification 'published whenever ... a new job execution is added to the list as QUEUED, and it is the first one'")
    void newFirstExecution() {
        NotificationDecision d = PendingJobs.decide(List.of(), List.of(queued("a", T0)));
        assertEquals(new NotificationDecision(true, true), d);
        // a new execution queued behind the first: notify only
        ExecutionRecord a = queued("a", T0);
        assertEquals(new NotificationDecision(true, false),
                PendingJobs.decide(List.of(a), List.of(a, queued("b", at("12:30:00")))));
    }

    @Test
    @DisplayName("NextNotification not published when the first execution's own details change (job1 QUEUED→IN_PROGRESS)")
    void firstOwnDetails() {
        ExecutionRecord a = queued("a", T0);
        ExecutionRecord b = queued("b", at("12:30:00"));
        ExecutionRecord aStarted = started(a, "13:00:00");
        assertEquals(NotificationDecision.NONE, PendingJobs.decide(List.of(a, b), List.of(aStarted, b)));
        ExecutionRecord aProgress = updates.applyUpdate(aStarted, update("a", JobExecutionStatus.IN_PROGRESS,
                Map.of("pct", "50"), null, 5L), at("13:05:00")).after();
        assertFalse(PendingJobs.decide(List.of(aStarted, b), List.of(aProgress, b)).any());
    }

    @Test
    @DisplayName("A non-first QUEUED→IN_PROGRESS becomes first only if no IN_PROGRESS execution was queued earlier")
    void nonFirstStarts() {
        // given p (IN_PROGRESS, queued 08:00), q (QUEUED, queued 09:00), r (QUEUED, queued 07:00)
        ExecutionRecord p = started(queued("p", at("08:00:00")), "10:00:00");
        ExecutionRecord q = queued("q", at("09:00:00"));
        ExecutionRecord r = queued("r", at("07:00:00"));
        // when q starts: queued after p, so p stays first → nothing
        assertEquals(NotificationDecision.NONE,
                PendingJobs.decide(List.of(p, q, r), List.of(p, started(q, "11:00:00"), r)));
        // when r starts: queued before p, so r becomes first → notify-next only
        assertEquals(new NotificationDecision(false, true),
                PendingJobs.decide(List.of(p, q, r), List.of(p, q, started(r, "11:00:00"))));
    }

    @Test
    @DisplayName("'The status of the job execution that is first in the list changes to a terminal status' → both")
    void firstGoesTerminal() {
        ExecutionRecord a = started(queued("a", T0), "12:10:00");
        ExecutionRecord b = queued("b", at("12:30:00"));
        ExecutionRecord aDone = updates.applyUpdate(a, update("a", JobExecutionStatus.SUCCEEDED), at("13:00:00"))
                .after();
        assertEquals(new NotificationDecision(true, true), PendingJobs.decide(List.of(a, b), List.of(aDone, b)));
        // the last one going terminal also publishes notify-next (without execution)
        ExecutionRecord bDone = updates.applyUpdate(b, update("b", JobExecutionStatus.FAILED), at("13:01:00"))
                .after();
        assertEquals(new NotificationDecision(true, true), PendingJobs.decide(List.of(aDone, b),
                List.of(aDone, bDone)));
    }

    @Test
    @DisplayName("A retry is a new execution: FAILED #1 → QUEUED #2 of the same job publishes notify and notify-next")
    void retryIsANewExecution() {
        ExecutionRecord a1 = started(queued("a", T0), "12:10:00");
        ExecutionRecord a1Failed = updates.applyUpdate(a1, update("a", JobExecutionStatus.FAILED), at("12:20:00"))
                .after();
        ExecutionRecord a2 = QueuedExecutions.retryOf(a1Failed, at("12:20:01"));
        assertEquals(new NotificationDecision(true, true), PendingJobs.decide(List.of(a1), List.of(a1Failed, a2)));
    }

    @Test
    @DisplayName("notify follows the whole pending set, beyond the 10 listed entries (decision)")
    void changeBeyondTheCap() {
        List<ExecutionRecord> eleven = queuedJobs(11);
        List<ExecutionRecord> twelve = new ArrayList<>(eleven);
        twelve.add(queued("job99", T0.plus(Duration.ofHours(5))));
        assertEquals(new NotificationDecision(true, false), PendingJobs.decide(eleven, twelve));
    }

    @Test
    @DisplayName("notifications(): messages built from the executions after the change, documents looked up by jobId")
    void messages() {
        ExecutionRecord a = queued("a", T0);
        PendingNotifications n = PendingJobs.notifications(List.of(), List.of(a), id -> "{\"id\":\"" + id + "\"}",
                at("12:00:01"));
        assertEquals(List.of(ExecutionViews.toSummary(a)), n.listNotification().jobs().get(JobExecutionStatus.QUEUED));
        assertEquals("{\"id\":\"a\"}", n.nextNotification().execution().jobDocument());
        assertEquals(THING, n.nextNotification().execution().thingName());
        PendingNotifications none = PendingJobs.notifications(List.of(a), List.of(a), id -> null, at("12:00:02"));
        assertTrue(none.notifyEvent().isEmpty());
        assertTrue(none.notifyNextEvent().isEmpty());
    }
}
