package io.edgejobs.api.store;

/** Why the reconciliation with the cloud overrode or dropped what the gateway had accepted locally. */
public enum ConflictKind {
    /** The cloud cancelled the execution while the device worked offline; the cloud won. */
    CANCELED_IN_CLOUD,
    /** The cloud removed the execution (the thing left the job's targets); the cloud won. */
    REMOVED_IN_CLOUD,
    /** The cloud timed the execution out while the device worked offline; the cloud won. */
    TIMED_OUT_IN_CLOUD,
    /** The cloud shows another terminal status than the device reported (someone else ended it). */
    ENDED_IN_CLOUD,
    /** The execution (or its job) was deleted in the cloud; the cached execution was dropped. */
    DELETED_IN_CLOUD,
    /** The cloud's version differed without a terminal status: the update was re-sent on the cloud's version. */
    VERSION_REALIGNED,
    /** The cloud refused the replayed update as invalid; it can never be applied and was dropped. */
    REFUSED_BY_CLOUD
}
