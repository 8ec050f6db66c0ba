package io.edgejobs.api.topic;

import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.jobs.Identifiers;
import java.util.Objects;

/**
 * One parsed topic of the Jobs namespace.
 *
 * @param thingName the thing named by the topic
 * @param kind request, accepted or rejected response, notify or notify-next
 * @param operation the operation of a request or response topic; null for notifications
 * @param jobId the job id of DescribeJobExecution ({@code $next} allowed) and UpdateJobExecution topics; else null
 */
public record JobsTopic(String thingName, Kind kind, JobsOperation operation, String jobId) {

    /** What a topic of the Jobs namespace is for. */
    public enum Kind {
        /** A request a device publishes, e.g. {@code .../jobs/get}. */
        REQUEST("", true),
        /** {@code .../accepted}: the answer to a request, sent to the requester only. */
        ACCEPTED("/accepted", true),
        /** {@code .../rejected}: the ErrorResponse to a request, sent to the requester only. */
        REJECTED("/rejected", true),
        /** {@code .../jobs/notify}: the ListNotification. */
        NOTIFY("", false),
        /** {@code .../jobs/notify-next}: the NextNotification. */
        NOTIFY_NEXT("", false);

        private final String suffix;
        private final boolean hasOperation;

        Kind(String suffix, boolean hasOperation) {
            this.suffix = suffix;
            this.hasOperation = hasOperation;
        }

        /** Whether topics of this kind belong to an operation (requests and responses). */
        public boolean hasOperation() {
            return hasOperation;
        }

        /** Whether this is a response topic (accepted or rejected). */
        public boolean isResponse() {
            return this == ACCEPTED || this == REJECTED;
        }

        String suffix() {
            return suffix;
        }
    }

    public JobsTopic {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(kind, "kind");
        if (kind.hasOperation() != (operation != null)) {
            throw new IllegalArgumentException(kind + (operation == null ? " needs an operation" : " has none"));
        }
        boolean needsJobId = operation == JobsOperation.DESCRIBE_JOB_EXECUTION
                || operation == JobsOperation.UPDATE_JOB_EXECUTION;
        if (needsJobId != (jobId != null)) {
            throw new IllegalArgumentException(operation + (jobId == null ? " needs a jobId" : " has no jobId"));
        }
    }

    /** Whether the topic names the thing's next pending execution ({@code .../jobs/$next/get...}). */
    public boolean isNext() {
        return Identifiers.NEXT_JOB_ID.equals(jobId);
    }

    /** The topic string. */
    public String topic() {
        return JobsTopics.format(this);
    }

    /** The request topic of this topic's operation. */
    public JobsTopic request() {
        return as(Kind.REQUEST);
    }

    /** The accepted topic of this topic's operation. */
    public JobsTopic accepted() {
        return as(Kind.ACCEPTED);
    }

    /** The rejected topic of this topic's operation. */
    public JobsTopic rejected() {
        return as(Kind.REJECTED);
    }

    private JobsTopic as(Kind other) {
        if (!kind.hasOperation()) {
            throw new IllegalStateException(kind + " topics have no request or response");
        }
        return new JobsTopic(thingName, other, operation, jobId);
    }

    @Override
    public String toString() {
        return topic();
    }
}
