package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkRequests.describe;
import static io.edgejobs.test.support.SdkRequests.details;
import static io.edgejobs.test.support.SdkRequests.startNext;
import static io.edgejobs.test.support.SdkRequests.update;

import io.edgejobs.test.support.SdkDevice;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionState;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException;

/**
 * A device application written the way docs/reconciliation.md tells device developers to: StartNext, a few
 * IN_PROGRESS updates with statusDetails, then SUCCEEDED or FAILED, always with {@code expectedVersion} = the version
 * it was last told; RequestThrottled → retry later; InternalError or no answer → describe first, then retry only
 * what was not applied; a terminal state in a rejection → the job ended elsewhere, move on. Everything it is told
 * goes into the {@link ChaosLedger}.
 */
final class ChaosDevice implements Runnable {

    private static final long UNKNOWN = -1;

    private final SdkDevice device;
    private final String thing;
    private final Random random;
    private final ChaosLedger ledger;
    private final BooleanSupplier stop;
    final List<Instant> notifyNextAt = new CopyOnWriteArrayList<>();
    private final BlockingQueue<NextJobExecutionChangedEvent> next;

    ChaosDevice(SdkDevice device, long seed, ChaosLedger ledger, BooleanSupplier stop) throws Exception {
        this.device = device;
        this.thing = device.thingName;
        this.random = new Random(seed);
        this.ledger = ledger;
        this.stop = stop;
        this.next = device.nextJobStream();
    }

    @Override
    public void run() {
        try {
            while (!stop.getAsBoolean()) {
                JobExecutionData execution = startNextJob();
                if (execution == null) {
                    // nothing pending: wait for notify-next (or poll again a little later)
                    NextJobExecutionChangedEvent event = next.poll(1, TimeUnit.SECONDS);
                    if (event != null) {
                        notifyNextAt.add(Instant.now());
                    }
                    continue;
                }
                drainNotifications();
                runJob(execution);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ledger.violation(thing + ": device application failed: " + e);
        }
        drainNotifications();
    }

    /** The moments notify-next arrived, to within one request (the device looks after each one). */
    private void drainNotifications() {
        while (next.poll() != null) {
            notifyNextAt.add(Instant.now());
        }
    }

    /** StartNext until it answers; null when nothing is pending. */
    private JobExecutionData startNextJob() throws InterruptedException {
        while (true) {
            ledger.count("requests StartNext");
            try {
                JobExecutionData execution = SdkDevice.await(device.jobs().startNextPendingJobExecution(
                        startNext(thing, details("step", "0")))).execution;
                if (execution != null) {
                    ledger.told(thing, key(execution), execution.status.name(), execution.statusDetails,
                            execution.versionNumber, true);
                }
                return execution;
            } catch (V2ErrorResponseException e) {
                V2ErrorResponse error = e.getModeledError();
                ledger.count("answers StartNext " + error.code);
                switch (error.code) {
                    // StartNext of an execution already IN_PROGRESS is a read: asking again is the way to find out
                    case REQUEST_THROTTLED, INTERNAL_ERROR -> pause();
                    default -> {
                        ledger.violation(thing + ": StartNext rejected " + error.code + " " + error.message);
                        pause();
                    }
                }
            } catch (Exception e) {
                ledger.count("answers StartNext none (" + e.getClass().getSimpleName() + ")");
                pause();
            }
        }
    }

    private void runJob(JobExecutionData execution) throws InterruptedException {
        String jobId = execution.jobId;
        String key = key(execution);
        int steps = 1 + random.nextInt(3);
        for (int step = 1; step <= steps; step++) {
            if (!updateUntilAnswered(jobId, key, JobStatus.IN_PROGRESS, details("step", Integer.toString(step),
                    "by", thing))) {
                return;
            }
        }
        boolean success = random.nextInt(5) != 0;
        updateUntilAnswered(jobId, key, success ? JobStatus.SUCCEEDED : JobStatus.FAILED,
                details("result", success ? "done-" + jobId : "broken-" + jobId));
    }

    /** One update, retried as the policy says; false when the execution ended elsewhere. */
    private boolean updateUntilAnswered(String jobId, String key, JobStatus status, HashMap<String, String> sent)
            throws InterruptedException {
        while (true) {
            drainNotifications();
            long expected = ledger.lastTold(thing, key).version();
            ledger.count("requests Update");
            try {
                JobExecutionState state = SdkDevice.await(device.jobs().updateJobExecution(update(thing, jobId,
                        status, (int) expected, sent))).executionState;
                ledger.told(thing, key, state.status.name(), state.statusDetails, state.versionNumber, true);
                checkAccepted(key, status, sent, expected, state);
                return true;
            } catch (V2ErrorResponseException e) {
                V2ErrorResponse error = e.getModeledError();
                ledger.count("answers Update " + error.code);
                switch (error.code) {
                    case REQUEST_THROTTLED -> pause();
                    case INTERNAL_ERROR -> {
                        Boolean applied = describeAfterUnknownOutcome(jobId, key, status, sent, expected);
                        if (applied == null) {
                            return false;
                        }
                        if (applied) {
                            return true;
                        }
                    }
                    case VERSION_MISMATCH, INVALID_STATE_TRANSITION -> {
                        JobExecutionState state = error.executionState;
                        if (state == null) {
                            ledger.violation(thing + " " + key + ": " + error.code + " without executionState");
                            return false;
                        }
                        ledger.told(thing, key, state.status.name(), state.statusDetails, state.versionNumber,
                                false);
                        if (isTerminal(state.status)) {
                            ledger.endedByRejection(thing, key);
                            ledger.count("jobs ended elsewhere, learned by rejection");
                            return false;
                        }
                        ledger.violation(thing + " " + key + ": " + error.code + " on v" + expected
                                + " with the execution still running at v" + state.versionNumber + " "
                                + state.status + " " + state.statusDetails + " (nobody else writes it)");
                        return false;
                    }
                    case RESOURCE_NOT_FOUND -> {
                        ledger.violation(thing + " " + key + ": ResourceNotFound (no job is deleted in this run)");
                        return false;
                    }
                    default -> {
                        ledger.violation(thing + " " + key + ": update rejected " + error.code + " "
                                + error.message);
                        return false;
                    }
                }
            } catch (Exception e) {
                ledger.count("answers Update none (" + e.getClass().getSimpleName() + ")");
                Boolean applied = describeAfterUnknownOutcome(jobId, key, status, sent, expected);
                if (applied == null) {
                    return false;
                }
                if (applied) {
                    return true;
                }
            }
        }
    }

    private void checkAccepted(String key, JobStatus status, Map<String, String> sent, long expected,
            JobExecutionState state) {
        if (state.status != status || state.versionNumber != expected + 1
                || !Objects.equals(state.statusDetails, sent)) {
            ledger.violation(thing + " " + key + ": accepted " + status + " " + sent + " on v" + expected
                    + " but the state answered is " + state.status + " v" + state.versionNumber + " "
                    + state.statusDetails);
        }
    }

    /**
     * "Treat InternalError on an update as unknown outcome: describe the execution before retrying." True: it was
     * applied; false: it was not, send it again; null: the execution ended elsewhere.
     */
    private Boolean describeAfterUnknownOutcome(String jobId, String key, JobStatus status,
            Map<String, String> sent, long expected) throws InterruptedException {
        ledger.count("describes after an unknown outcome");
        while (true) {
            pause();
            ledger.count("requests Describe");
            JobExecutionData execution;
            try {
                execution = SdkDevice.await(device.jobs().describeJobExecution(describe(thing, jobId))).execution;
            } catch (V2ErrorResponseException e) {
                ledger.count("answers Describe " + e.getModeledError().code);
                continue;
            } catch (Exception e) {
                ledger.count("answers Describe none (" + e.getClass().getSimpleName() + ")");
                continue;
            }
            if (!key.equals(key(execution))) {
                ledger.violation(thing + " " + key + ": described another execution " + key(execution));
                return null;
            }
            long version = execution.versionNumber;
            if (execution.status == status && version == expected + 1
                    && Objects.equals(execution.statusDetails, sent)) {
                ledger.told(thing, key, status.name(), sent, version, true);
                ledger.count("unknown outcomes found applied");
                return true;
            }
            if (isTerminal(execution.status) && execution.status != status) {
                ledger.told(thing, key, execution.status.name(), execution.statusDetails, version, false);
                ledger.endedByRejection(thing, key);
                ledger.count("jobs ended elsewhere, learned by describe");
                return null;
            }
            if (version == expected) {
                ledger.count("unknown outcomes found not applied");
                return false;
            }
            ledger.violation(thing + " " + key + ": after an unknown outcome on v" + expected + " the execution is "
                    + execution.status + " v" + version + " " + execution.statusDetails + ", sent " + status + " "
                    + sent);
            return null;
        }
    }

    private void pause() throws InterruptedException {
        Thread.sleep(100 + random.nextInt(200));
    }

    static boolean isTerminal(JobStatus status) {
        return status != JobStatus.QUEUED && status != JobStatus.IN_PROGRESS;
    }

    static String key(JobExecutionData execution) {
        return execution.jobId + "#" + execution.executionNumber;
    }
}
