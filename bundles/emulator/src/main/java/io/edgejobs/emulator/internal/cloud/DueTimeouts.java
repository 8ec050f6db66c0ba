package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.ExecutionChange;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.ServiceTransitions;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times out a thing's IN_PROGRESS executions whose timer has fired, on the thing's lane. Run by the sweeper and,
 * before anything else, by every request on the thing: AWS times an execution out at its deadline, so a device
 * update arriving after the deadline must meet TIMED_OUT even if the sweeper has not come round yet.
 */
final class DueTimeouts {

    private static final Logger LOG = LoggerFactory.getLogger(DueTimeouts.class);

    private DueTimeouts() {
    }

    /** Applies every fired timer of the thing's executions; call on the thing's lane. */
    static void apply(JobsCloud cloud, String thingName, Instant now) {
        Optional<ThingExecutions> thing = cloud.existingThing(thingName);
        if (thing.isEmpty()) {
            return;
        }
        ThingChange change = null;
        for (CloudExecution e : thing.get().all()) {
            if (e.record().status() != JobExecutionStatus.IN_PROGRESS) {
                continue;
            }
            Optional<ExecutionChange> timedOut = ServiceTransitions.timeOutIfExpired(e.record(), now);
            if (timedOut.isPresent()) {
                if (change == null) {
                    change = cloud.change(thingName);
                }
                change.putWithRetry(e.withRecord(timedOut.get().after(), e.forceCanceled()), now);
                LOG.info("thing {} job {}: execution {} TIMED_OUT (timer due {})", thingName, e.key().jobId(),
                        e.key().executionNumber(), timedOut.get().after().lastUpdatedAt());
            }
        }
        if (change != null) {
            change.commit(now);
        }
    }
}
