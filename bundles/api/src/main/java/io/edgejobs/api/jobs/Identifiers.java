package io.edgejobs.api.jobs;

import java.util.regex.Pattern;

/**
 * The shapes of thing names and job ids (iot-jobs-data service model: ThingName 1–128 {@code [a-zA-Z0-9:_-]+},
 * JobId 1–64 {@code [a-zA-Z0-9_-]+}), shared by request validation and the topic grammar.
 */
public final class Identifiers {
    public static final int THING_NAME_MAX_LENGTH = 128;
    public static final int JOB_ID_MAX_LENGTH = 64;
    public static final String THING_NAME_RULE = "[a-zA-Z0-9:_-]{1,128}";
    public static final String JOB_ID_RULE = "[a-zA-Z0-9_-]{1,64}";

    /** The pseudo job id naming the thing's next pending execution; valid only for DescribeJobExecution. */
    public static final String NEXT_JOB_ID = "$next";

    private static final Pattern THING_NAME = Pattern.compile(THING_NAME_RULE);
    private static final Pattern JOB_ID = Pattern.compile(JOB_ID_RULE);

    private Identifiers() {
    }

    public static boolean isValidThingName(String thingName) {
        return thingName != null && THING_NAME.matcher(thingName).matches();
    }

    /** Whether {@code jobId} is a real job id ({@code $next} is not). */
    public static boolean isValidJobId(String jobId) {
        return jobId != null && JOB_ID.matcher(jobId).matches();
    }
}
