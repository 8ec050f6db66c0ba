package io.edgejobs.test.support;

import java.util.HashMap;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;

/** The AWS IoT Device SDK v2 request models, filled the way a device application fills them. */
public final class SdkRequests {

    private SdkRequests() {
    }

    public static GetPendingJobExecutionsRequest getPending(String thing) {
        GetPendingJobExecutionsRequest r = new GetPendingJobExecutionsRequest();
        r.thingName = thing;
        return r;
    }

    public static DescribeJobExecutionRequest describe(String thing, String jobId) {
        DescribeJobExecutionRequest r = new DescribeJobExecutionRequest();
        r.thingName = thing;
        r.jobId = jobId;
        return r;
    }

    public static StartNextPendingJobExecutionRequest startNext(String thing, HashMap<String, String> details) {
        StartNextPendingJobExecutionRequest r = new StartNextPendingJobExecutionRequest();
        r.thingName = thing;
        r.statusDetails = details;
        return r;
    }

    /** An update with the version the device was told (none: {@code null}), asking for the new state. */
    public static UpdateJobExecutionRequest update(String thing, String jobId, JobStatus status,
            Integer expectedVersion, HashMap<String, String> details) {
        return update(thing, jobId, status, expectedVersion, details, true);
    }

    /** An update with the version the device was told (none: {@code null}). */
    public static UpdateJobExecutionRequest update(String thing, String jobId, JobStatus status,
            Integer expectedVersion, HashMap<String, String> details, boolean includeState) {
        UpdateJobExecutionRequest r = new UpdateJobExecutionRequest();
        r.thingName = thing;
        r.jobId = jobId;
        r.status = status;
        r.expectedVersion = expectedVersion;
        r.statusDetails = details;
        r.includeJobExecutionState = includeState;
        return r;
    }

    public static HashMap<String, String> details(String... pairs) {
        HashMap<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
