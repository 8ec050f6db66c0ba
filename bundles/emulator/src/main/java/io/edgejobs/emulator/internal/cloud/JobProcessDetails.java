package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.JobExecutionStatus;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * DescribeJob's {@code jobProcessDetails}: how many targets' latest executions are in each status.
 *
 * @param counts per status, every status present (zero when none)
 */
public record JobProcessDetails(Map<JobExecutionStatus, Integer> counts) {

    public static JobProcessDetails of(Collection<CloudExecution> latestExecutions) {
        Map<JobExecutionStatus, Integer> counts = new EnumMap<>(JobExecutionStatus.class);
        for (JobExecutionStatus s : JobExecutionStatus.values()) {
            counts.put(s, 0);
        }
        latestExecutions.forEach(e -> counts.merge(e.record().status(), 1, Integer::sum));
        return new JobProcessDetails(Map.copyOf(counts));
    }

    public int count(JobExecutionStatus status) {
        return counts.getOrDefault(status, 0);
    }
}
