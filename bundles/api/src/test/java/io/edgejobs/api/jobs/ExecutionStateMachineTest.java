package io.edgejobs.api.jobs;

import static io.edgejobs.api.jobs.JobExecutionStatus.CANCELED;
import static io.edgejobs.api.jobs.JobExecutionStatus.FAILED;
import static io.edgejobs.api.jobs.JobExecutionStatus.IN_PROGRESS;
import static io.edgejobs.api.jobs.JobExecutionStatus.QUEUED;
import static io.edgejobs.api.jobs.JobExecutionStatus.REJECTED;
import static io.edgejobs.api.jobs.JobExecutionStatus.REMOVED;
import static io.edgejobs.api.jobs.JobExecutionStatus.SUCCEEDED;
import static io.edgejobs.api.jobs.JobExecutionStatus.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionStateMachineTest {

    @Test
    @DisplayName("QUEUED remains QUEUED until the device reports IN_PROGRESS, it is canceled, or removed (iot-jobs-lifecycle.md)")
    void queuedExits() {
        // given a QUEUED execution
        // when asking which statuses it may move to
        Set<JobExecutionStatus> targets = EnumSet.copyOf(ExecutionStateMachine.targets(QUEUED));
        // then: device IN_PROGRESS/SUCCEEDED/FAILED/REJECTED, service CANCELED/REMOVED, never TIMED_OUT
        assertEquals(EnumSet.of(IN_PROGRESS, SUCCEEDED, FAILED, REJECTED, CANCELED, REMOVED), targets);
        assertTrue(ExecutionStateMachine.isAllowed(QUEUED, IN_PROGRESS, Actor.DEVICE, false));
        assertTrue(ExecutionStateMachine.isAllowed(QUEUED, REJECTED, Actor.DEVICE, false));
        assertTrue(ExecutionStateMachine.isAllowed(QUEUED, CANCELED, Actor.SERVICE, false));
        assertTrue(ExecutionStateMachine.isAllowed(QUEUED, REMOVED, Actor.SERVICE, false));
        assertFalse(ExecutionStateMachine.isAllowed(QUEUED, CANCELED, Actor.DEVICE, false));
    }

    @Test
    @DisplayName("Decision (docs silent): a device may report SUCCEEDED or FAILED straight from QUEUED")
    void queuedStraightToDone() {
        // given / when / then
        assertTrue(ExecutionStateMachine.isAllowed(QUEUED, SUCCEEDED, Actor.DEVICE, false));
        assertTrue(ExecutionStateMachine.isAllowed(QUEUED, FAILED, Actor.DEVICE, false));
    }

    @Test
    @DisplayName("UpdateJobExecution can be invoked multiple times with a status of IN_PROGRESS (iot-jobs-lifecycle.md)")
    void inProgressIsRepeatable() {
        assertTrue(ExecutionStateMachine.isAllowed(IN_PROGRESS, IN_PROGRESS, Actor.DEVICE, false));
    }

    @Test
    @DisplayName("IN_PROGRESS ends by the device (SUCCEEDED/FAILED/REJECTED), by a timer (TIMED_OUT) or a forced cancel")
    void inProgressExits() {
        assertEquals(EnumSet.of(IN_PROGRESS, SUCCEEDED, FAILED, REJECTED, TIMED_OUT, CANCELED),
                EnumSet.copyOf(ExecutionStateMachine.targets(IN_PROGRESS)));
        assertTrue(ExecutionStateMachine.isAllowed(IN_PROGRESS, TIMED_OUT, Actor.SERVICE, false));
        assertFalse(ExecutionStateMachine.isAllowed(IN_PROGRESS, TIMED_OUT, Actor.DEVICE, false));
        // decision: REMOVED only leaves QUEUED
        assertFalse(ExecutionStateMachine.isAllowed(IN_PROGRESS, REMOVED, Actor.SERVICE, true));
    }

    @Test
    @DisplayName("CancelJobExecution: an IN_PROGRESS execution is canceled only when force is true")
    void cancelInProgressNeedsForce() {
        // given an IN_PROGRESS execution
        JobExecutionState state = new JobExecutionState(IN_PROGRESS, Map.of(), 2);
        // when cancelling without force, then InvalidStateTransition with the state
        JobsException e = assertThrows(JobsException.class,
                () -> ExecutionStateMachine.checkService(state, CANCELED, false));
        assertEquals(ErrorCode.InvalidStateTransition, e.code());
        assertEquals(state, e.executionState());
        // and with force it is allowed
        assertDoesNotThrow(() -> ExecutionStateMachine.checkService(state, CANCELED, true));
    }

    @ParameterizedTest(name = "terminal {0} never changes again")
    @EnumSource(value = JobExecutionStatus.class, names = {"SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED",
            "CANCELED"})
    @DisplayName("A terminal execution refuses every update with InvalidStateTransition (jobs-api.md example SUCCEEDED→IN_PROGRESS)")
    void terminalIsFinal(JobExecutionStatus terminal) {
        // given a terminal execution
        JobExecutionState state = new JobExecutionState(terminal, Map.of("k", "v"), 5);
        assertTrue(ExecutionStateMachine.targets(terminal).isEmpty());
        for (JobExecutionStatus device : EnumSet.of(IN_PROGRESS, SUCCEEDED, FAILED, REJECTED)) {
            // when the device updates it
            JobsException e = assertThrows(JobsException.class,
                    () -> ExecutionStateMachine.checkDevice(state, device));
            // then InvalidStateTransition carrying the current JobExecutionState
            assertEquals(ErrorCode.InvalidStateTransition, e.code());
            assertSame(state, e.executionState());
        }
        for (JobExecutionStatus service : EnumSet.of(CANCELED, REMOVED, TIMED_OUT)) {
            JobsException e = assertThrows(JobsException.class,
                    () -> ExecutionStateMachine.checkService(state, service, true));
            assertEquals(ErrorCode.InvalidStateTransition, e.code());
        }
    }

    @ParameterizedTest(name = "device may not send {0}")
    @EnumSource(value = JobExecutionStatus.class, names = {"QUEUED", "TIMED_OUT", "CANCELED", "REMOVED"})
    @DisplayName("UpdateJobExecution status: 'IN_PROGRESS, FAILED, SUCCESS, or REJECTED' — others are InvalidRequest")
    void deviceOnlySetsItsOwnStatuses(JobExecutionStatus serviceStatus) {
        // given an IN_PROGRESS and a terminal execution
        for (JobExecutionStatus current : EnumSet.of(QUEUED, IN_PROGRESS, SUCCEEDED)) {
            JobExecutionState state = new JobExecutionState(current, Map.of(), 1);
            // when a device asks for a service status
            JobsException e = assertThrows(JobsException.class,
                    () -> ExecutionStateMachine.checkDevice(state, serviceStatus));
            // then InvalidRequest, whatever the current status, without executionState
            assertEquals(ErrorCode.InvalidRequest, e.code());
            assertEquals(null, e.executionState());
            assertTrue(e.getMessage().contains(serviceStatus.name()));
        }
    }

    @Test
    @DisplayName("Every transition in the table is caused by the actor that 'sets' its target status (iot-jobs-lifecycle.md)")
    void tableAgreesWithStatusOwners() {
        for (ExecutionStateMachine.Transition t : ExecutionStateMachine.table()) {
            assertEquals(t.to().setBy(), t.actor(), t.toString());
            assertFalse(t.from().isTerminal(), t.toString());
        }
    }

    @Test
    @DisplayName("Retry configuration retries FAILED and TIMED_OUT only (jobs-configurations-details.md)")
    void retryable() {
        assertEquals(EnumSet.of(FAILED, TIMED_OUT),
                EnumSet.copyOf(EnumSet.allOf(JobExecutionStatus.class).stream()
                        .filter(ExecutionStateMachine::isRetryable).toList()));
    }
}
