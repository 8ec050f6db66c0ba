package io.edgejobs.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = EngineComponent.PID, name = "Edgejobs gateway engine",
        description = "The gateway core behind the local Jobs API: forwards device requests to AWS IoT (the "
                + "upstream connection), writes the answers through to the job store, keeps the cache of the "
                + "known things warm, and answers reads from the cache while AWS IoT cannot be reached.")
@interface Config {

    @AttributeDefinition(name = "Request time bound (ms)", min = "100",
            description = "Longest time from a device request's arrival to its answer while the request waits "
                    + "for AWS IoT. A request still queued behind earlier requests of its thing when the bound "
                    + "expires is not sent and answered RequestThrottled; one sent but not answered in time is "
                    + "answered InternalError (outcome unknown) and its execution is re-checked later. Keep it "
                    + "below the devices' own timeouts.")
    int requestTimeoutMillis() default 5000;

    @AttributeDefinition(name = "Prefetch interval (s)", min = "0",
            description = "How often the pending executions and job documents of every known thing are fetched "
                    + "from AWS IoT into the cache while connected (besides at each connect and when a new "
                    + "thing is seen). 0 turns the periodic prefetch off.")
    int prefetchIntervalSeconds() default 300;

    @AttributeDefinition(name = "Things",
            description = "Thing names to serve and prefetch even before any of their devices connected. Things "
                    + "seen on the local broker and things cached earlier are added automatically.")
    String[] things() default {};

    @AttributeDefinition(name = "Worker threads", min = "1", max = "64",
            description = "Threads that forward requests, write answers through to the store and run the "
                    + "prefetch. Requests of one thing are handled in order; different things in parallel. "
                    + "Applied at the next start of the component.")
    int workerThreads() default 2;

    @AttributeDefinition(name = "Prefetch concurrency", min = "1", max = "64",
            description = "How many things are prefetched at the same time (each prefetch is one "
                    + "GetPendingJobExecutions and one DescribeJobExecution per stale execution upstream).")
    int prefetchConcurrency() default 2;

    @AttributeDefinition(name = "Re-check delay (s)", min = "0",
            description = "How long after an unanswered (timed-out) upstream request its execution is described "
                    + "again upstream to learn what AWS IoT did with it.")
    int recheckDelaySeconds() default 5;

    @AttributeDefinition(name = "Replay rate (updates/s)", min = "1", max = "100",
            description = "Most device updates from the outbox sent to AWS IoT per second at reconnect, over all "
                    + "things. Keep it well under the connection's publish rate and the account's Jobs write rate, "
                    + "so that the devices' own requests keep their share.")
    int replayRatePerSecond() default 10;

    @AttributeDefinition(name = "Replay backoff, first (ms)", min = "1",
            description = "Pause of the whole replay after AWS IoT throttled (RequestThrottled) or failed a "
                    + "replayed update; it doubles with each further failure (with jitter) up to the maximum.")
    int replayBackoffInitialMillis() default 1000;

    @AttributeDefinition(name = "Replay backoff, longest (ms)", min = "1",
            description = "Longest pause of the replay after repeated throttling or failures.")
    int replayBackoffMaxMillis() default 60000;

    @AttributeDefinition(name = "Outbox size (entries)", min = "1",
            description = "Most device updates accepted offline that may wait for AWS IoT, over all things. It "
                    + "bounds the disk the outbox takes; what happens beyond it is the outbox policy.")
    int outboxMaxEntries() default 10000;

    @AttributeDefinition(name = "Outbox size (bytes)", min = "1",
            description = "Most bytes the device updates waiting for AWS IoT may take in the store, over all things "
                    + "(each update counts its texts - thing name, job id, status, statusDetails, clientToken - in "
                    + "UTF-8 plus 64 bytes). The outbox is full when either this or the entry count is reached; "
                    + "what happens then is the outbox policy. 64 MiB by default.")
    long outboxMaxBytes() default 67108864L;

    @AttributeDefinition(name = "Outbox policy when full (entries or bytes)",
            description = "REFUSE: a new offline update is answered RequestThrottled (\"the gateway's outbox is "
                    + "full\"), the device retries later; reads and local timers go on. EVICT_SUPERSEDED_PROGRESS: an "
                    + "IN_PROGRESS update is merged into its execution's waiting IN_PROGRESS update (the older "
                    + "statusDetails are superseded; the replay still moves the cloud's version to what the device "
                    + "was told); a terminal status is never merged or dropped, it is refused when nothing can be "
                    + "merged.")
    OutboxFullPolicy outboxFullPolicy() default OutboxFullPolicy.REFUSE;

    @AttributeDefinition(name = "Presigned URL refresh margin (s)", min = "0", max = "3600",
            description = "A cached job document whose presigned S3 URLs (X-Amz-Date + X-Amz-Expires) expire "
                    + "within this margin, or that holds an unexpanded ${aws:iot:s3-presigned-url:...} placeholder, "
                    + "is fetched again from AWS IoT (DescribeJobExecution with the document) by the prefetch and "
                    + "the sync at reconnect, and before a Describe answered from the cache while AWS IoT is "
                    + "reachable. While AWS IoT cannot be reached it is served as it is and logged at WARN.")
    int presignedUrlRefreshMarginSeconds() default 60;
}
