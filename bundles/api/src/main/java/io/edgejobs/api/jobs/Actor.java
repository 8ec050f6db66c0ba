package io.edgejobs.api.jobs;

/** Who causes a job execution status change: the device through the data plane, or the service itself. */
public enum Actor {
    /** The device, through UpdateJobExecution or StartNextPendingJobExecution. */
    DEVICE,
    /** AWS IoT Jobs (or the gateway standing in for it): queueing, timeouts, cancellation, removal. */
    SERVICE
}
