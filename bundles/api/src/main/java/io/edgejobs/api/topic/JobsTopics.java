package io.edgejobs.api.topic;

import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.Identifiers;
import io.edgejobs.api.jobs.JobsException;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses and builds the topics of the Jobs device API (reserved-topics.md, "Job topics"; jobs-mqtt-api.md):
 * <pre>
 * $aws/things/{thingName}/jobs/get                     GetPendingJobExecutions
 * $aws/things/{thingName}/jobs/start-next              StartNextPendingJobExecution
 * $aws/things/{thingName}/jobs/{jobId|$next}/get       DescribeJobExecution
 * $aws/things/{thingName}/jobs/{jobId}/update          UpdateJobExecution
 * ...each of the above + /accepted | /rejected         responses
 * $aws/things/{thingName}/jobs/notify                  ListNotification
 * $aws/things/{thingName}/jobs/notify-next             NextNotification
 * </pre>
 *
 * <p>Errors, for topics inside the Jobs namespace ({@link #isJobsTopic}): a topic whose shape matches no API —
 * unknown verbs, missing or extra levels, empty levels (including an empty thing name or job id) — is
 * {@link ErrorCode#InvalidTopic} ("sent to a topic in the Jobs namespace that does not map to any API"); a topic of
 * the right shape whose thing name or job id breaks the identifier rules, or {@code $next} anywhere but Describe,
 * is {@link ErrorCode#InvalidRequest}, as the same values are on the HTTPS API. A device publishing to a response or
 * notification topic gets InvalidTopic from {@link #parseRequest}.
 */
public final class JobsTopics {

    /** The first two levels of every thing topic. */
    public static final String THINGS_PREFIX = "$aws/things/";

    private static final String JOBS = "jobs";
    private static final String GET = "get";
    private static final String START_NEXT = "start-next";
    private static final String UPDATE = "update";
    private static final String NOTIFY = "notify";
    private static final String NOTIFY_NEXT = "notify-next";
    private static final String ACCEPTED = "accepted";
    private static final String REJECTED = "rejected";

    private JobsTopics() {
    }

    /** Whether the topic is {@code $aws/things/{anything}/jobs} or below it. Cheap: no allocation. */
    public static boolean isJobsTopic(String topic) {
        if (topic == null || !topic.startsWith(THINGS_PREFIX)) {
            return false;
        }
        int thingEnd = topic.indexOf('/', THINGS_PREFIX.length());
        if (thingEnd < 0 || !topic.startsWith(JOBS, thingEnd + 1)) {
            return false;
        }
        int end = thingEnd + 1 + JOBS.length();
        return topic.length() == end || topic.charAt(end) == '/';
    }

    /**
     * Parses a topic a device published: only request topics are valid.
     *
     * @throws JobsException InvalidTopic or InvalidRequest, see the class description
     * @throws IllegalArgumentException when the topic is not in the Jobs namespace at all
     */
    public static JobsTopic parseRequest(String topic) {
        JobsTopic parsed = parse(topic);
        if (parsed.kind() != JobsTopic.Kind.REQUEST) {
            throw new JobsException(ErrorCode.InvalidTopic, "Topic " + topic + " is a "
                    + parsed.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " topic; devices publish requests only");
        }
        return parsed;
    }

    /**
     * Parses any topic of the Jobs namespace: requests, accepted/rejected responses and notifications (what the
     * gateway receives from AWS IoT Core on its upstream connection).
     *
     * @throws JobsException InvalidTopic or InvalidRequest, see the class description
     * @throws IllegalArgumentException when the topic is not in the Jobs namespace at all
     */
    public static JobsTopic parse(String topic) {
        if (!isJobsTopic(topic)) {
            throw new IllegalArgumentException("not a topic of the Jobs namespace: " + topic);
        }
        String[] levels = topic.split("/", -1);
        // levels: [0]="$aws" [1]="things" [2]=thing [3]="jobs" [4..]=operation
        String thing = levels[2];
        int n = levels.length - 4;
        for (int i = 2; i < levels.length; i++) {
            if (levels[i].isEmpty()) {
                throw invalidTopic(topic, "it has an empty level");
            }
        }
        JobsTopic parsed = switch (n) {
            case 0 -> throw invalidTopic(topic, "it names no operation");
            case 1 -> oneLevel(topic, thing, levels[4]);
            case 2 -> twoLevels(topic, thing, levels[4], levels[5]);
            case 3 -> threeLevels(topic, thing, levels[4], levels[5], levels[6]);
            default -> throw invalidTopic(topic, "it has too many levels");
        };
        checkIdentifiers(topic, parsed);
        return parsed;
    }

    private static JobsTopic oneLevel(String topic, String thing, String verb) {
        return switch (verb) {
            case GET -> new JobsTopic(thing, JobsTopic.Kind.REQUEST, JobsOperation.GET_PENDING_JOB_EXECUTIONS, null);
            case START_NEXT -> new JobsTopic(thing, JobsTopic.Kind.REQUEST,
                    JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, null);
            case NOTIFY -> new JobsTopic(thing, JobsTopic.Kind.NOTIFY, null, null);
            case NOTIFY_NEXT -> new JobsTopic(thing, JobsTopic.Kind.NOTIFY_NEXT, null, null);
            default -> throw invalidTopic(topic, "'" + verb + "' is not an operation");
        };
    }

    private static JobsTopic twoLevels(String topic, String thing, String first, String second) {
        JobsTopic.Kind result = resultKind(second);
        // ".../get/accepted" is the GetPending response, never DescribeJobExecution of a job called "get"
        if (result != null && (first.equals(GET) || first.equals(START_NEXT))) {
            JobsOperation op = first.equals(GET)
                    ? JobsOperation.GET_PENDING_JOB_EXECUTIONS
                    : JobsOperation.START_NEXT_PENDING_JOB_EXECUTION;
            return new JobsTopic(thing, result, op, null);
        }
        JobsOperation op = jobOperation(second);
        if (op == null) {
            throw invalidTopic(topic, "'" + second + "' is not an operation on a job");
        }
        return new JobsTopic(thing, JobsTopic.Kind.REQUEST, op, first);
    }

    private static JobsTopic threeLevels(String topic, String thing, String jobId, String verb, String result) {
        JobsOperation op = jobOperation(verb);
        JobsTopic.Kind kind = resultKind(result);
        if (op == null || kind == null) {
            throw invalidTopic(topic, "it is not a response topic of DescribeJobExecution or UpdateJobExecution");
        }
        return new JobsTopic(thing, kind, op, jobId);
    }

    private static JobsOperation jobOperation(String verb) {
        return switch (verb) {
            case GET -> JobsOperation.DESCRIBE_JOB_EXECUTION;
            case UPDATE -> JobsOperation.UPDATE_JOB_EXECUTION;
            default -> null;
        };
    }

    private static JobsTopic.Kind resultKind(String level) {
        return switch (level) {
            case ACCEPTED -> JobsTopic.Kind.ACCEPTED;
            case REJECTED -> JobsTopic.Kind.REJECTED;
            default -> null;
        };
    }

    private static void checkIdentifiers(String topic, JobsTopic parsed) {
        if (!Identifiers.isValidThingName(parsed.thingName())) {
            throw new JobsException(ErrorCode.InvalidRequest, "thingName: must match " + Identifiers.THING_NAME_RULE
                    + " in topic " + topic);
        }
        String jobId = parsed.jobId();
        if (jobId == null) {
            return;
        }
        if (parsed.isNext()) {
            if (parsed.operation() != JobsOperation.DESCRIBE_JOB_EXECUTION) {
                throw new JobsException(ErrorCode.InvalidRequest,
                        "jobId: $next is only allowed in DescribeJobExecution, topic " + topic);
            }
            return;
        }
        if (!Identifiers.isValidJobId(jobId)) {
            throw new JobsException(ErrorCode.InvalidRequest, "jobId: must match " + Identifiers.JOB_ID_RULE
                    + " in topic " + topic);
        }
    }

    private static JobsException invalidTopic(String topic, String why) {
        return new JobsException(ErrorCode.InvalidTopic, "Topic " + topic + " does not map to any Jobs API: " + why);
    }

    // ---- builders ---------------------------------------------------------------------------------------------

    /** {@code $aws/things/{thingName}/jobs/get}. */
    public static String getPending(String thingName) {
        return request(JobsOperation.GET_PENDING_JOB_EXECUTIONS, thingName, null);
    }

    /** {@code $aws/things/{thingName}/jobs/start-next}. */
    public static String startNext(String thingName) {
        return request(JobsOperation.START_NEXT_PENDING_JOB_EXECUTION, thingName, null);
    }

    /** {@code $aws/things/{thingName}/jobs/{jobId}/get}; jobId may be {@code $next}. */
    public static String describe(String thingName, String jobId) {
        return request(JobsOperation.DESCRIBE_JOB_EXECUTION, thingName, jobId);
    }

    /** {@code $aws/things/{thingName}/jobs/{jobId}/update}. */
    public static String update(String thingName, String jobId) {
        return request(JobsOperation.UPDATE_JOB_EXECUTION, thingName, jobId);
    }

    /** The request topic of an operation; {@code jobId} only for Describe and Update, null otherwise. */
    public static String request(JobsOperation operation, String thingName, String jobId) {
        return topic(JobsTopic.Kind.REQUEST, operation, thingName, jobId);
    }

    /** The {@code /accepted} topic of an operation. */
    public static String accepted(JobsOperation operation, String thingName, String jobId) {
        return topic(JobsTopic.Kind.ACCEPTED, operation, thingName, jobId);
    }

    /** The {@code /rejected} topic of an operation. */
    public static String rejected(JobsOperation operation, String thingName, String jobId) {
        return topic(JobsTopic.Kind.REJECTED, operation, thingName, jobId);
    }

    /**
     * The {@code /accepted} topic of a request topic as the device published it, without parsing it (so an
     * answer can be sent even for a request that failed to parse).
     */
    public static String acceptedOf(String requestTopic) {
        return Objects.requireNonNull(requestTopic, "requestTopic") + JobsTopic.Kind.ACCEPTED.suffix();
    }

    /** The {@code /rejected} topic of a request topic as the device published it, without parsing it. */
    public static String rejectedOf(String requestTopic) {
        return Objects.requireNonNull(requestTopic, "requestTopic") + JobsTopic.Kind.REJECTED.suffix();
    }

    /** {@code $aws/things/{thingName}/jobs/notify}. */
    public static String notify(String thingName) {
        return new JobsTopic(checkedThing(thingName), JobsTopic.Kind.NOTIFY, null, null).topic();
    }

    /** {@code $aws/things/{thingName}/jobs/notify-next}. */
    public static String notifyNext(String thingName) {
        return new JobsTopic(checkedThing(thingName), JobsTopic.Kind.NOTIFY_NEXT, null, null).topic();
    }

    private static String topic(JobsTopic.Kind kind, JobsOperation operation, String thingName, String jobId) {
        Objects.requireNonNull(operation, "operation");
        JobsTopic t = new JobsTopic(checkedThing(thingName), kind, operation, jobId);
        if (jobId != null && !Identifiers.isValidJobId(jobId)
                && !(t.isNext() && operation == JobsOperation.DESCRIBE_JOB_EXECUTION)) {
            throw new IllegalArgumentException("invalid jobId for " + operation + ": " + jobId);
        }
        return t.topic();
    }

    private static String checkedThing(String thingName) {
        if (!Identifiers.isValidThingName(thingName)) {
            throw new IllegalArgumentException("invalid thingName: " + thingName);
        }
        return thingName;
    }

    static String format(JobsTopic t) {
        StringBuilder sb = new StringBuilder(64).append(THINGS_PREFIX).append(t.thingName()).append('/').append(JOBS)
                .append('/');
        switch (t.kind()) {
            case NOTIFY -> sb.append(NOTIFY);
            case NOTIFY_NEXT -> sb.append(NOTIFY_NEXT);
            default -> {
                switch (t.operation()) {
                    case GET_PENDING_JOB_EXECUTIONS -> sb.append(GET);
                    case START_NEXT_PENDING_JOB_EXECUTION -> sb.append(START_NEXT);
                    case DESCRIBE_JOB_EXECUTION -> sb.append(t.jobId()).append('/').append(GET);
                    case UPDATE_JOB_EXECUTION -> sb.append(t.jobId()).append('/').append(UPDATE);
                    default -> throw new IllegalStateException("unknown operation " + t.operation());
                }
                sb.append(t.kind().suffix());
            }
        }
        return sb.toString();
    }
}
