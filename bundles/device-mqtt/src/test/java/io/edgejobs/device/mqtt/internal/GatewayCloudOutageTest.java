package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.device.mqtt.internal.SdkDevice.await;
import static io.edgejobs.device.mqtt.internal.SdkDevice.rejection;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.upstream.ConnectionState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;

/**
 * The cloud drops the gateway and refuses it for a while: reads are answered from the cache, writes are refused
 * without changing anything, and once the link is back the prefetch catches up with what happened meanwhile.
 */
class GatewayCloudOutageTest {

    private static final String THING = "kiln-4";

    @TempDir
    Path dir;
    private GatewayFixture gateway;
    private SdkDevice device;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.start(dir);
        device = gateway.sdkDevice(THING);
        gateway.createJob("job-1", "{\"heat\":900}", THING);
        gateway.assertCacheMatchesCloud(THING);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void readsComeFromTheCacheWhileTheCloudIsAwayAndThePrefetchCatchesUpAfter() throws Exception {
        // given the cloud drops the gateway's connection and refuses it
        gateway.cloud.faults().refuseConnectionsFor(Duration.ofMinutes(5));
        gateway.cloud.dropAllConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.upstream.connection().state()
                != ConnectionState.CONNECTED);

        // when the device reads, it gets the cached answers, with AWS's rules
        GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
        get.thingName = THING;
        GetPendingJobExecutionsResponse pending = await(device.jobs().getPendingJobExecutions(get));
        assertEquals("job-1", pending.queuedJobs.get(0).jobId);
        DescribeJobExecutionRequest next = new DescribeJobExecutionRequest();
        next.thingName = THING;
        next.jobId = "$next";
        DescribeJobExecutionResponse described = await(device.jobs().describeJobExecution(next));
        assertEquals(900, ((Number) described.execution.jobDocument.get("heat")).intValue());
        assertEquals(JobStatus.QUEUED, described.execution.status);

        // and a write is refused, changing nothing
        StartNextPendingJobExecutionRequest startNext = new StartNextPendingJobExecutionRequest();
        startNext.thingName = THING;
        V2ErrorResponse refused = rejection(device.jobs().startNextPendingJobExecution(startNext),
                RejectedErrorCode.INTERNAL_ERROR);
        assertTrue(refused.message.contains("cannot be reached"), refused.message);
        assertEquals("QUEUED v1 {}", gateway.cacheView(THING).get("job-1#1"));

        // when, meanwhile, the cloud got a second job, and the link comes back
        gateway.createJob("job-2", "{\"heat\":1200}", THING);
        gateway.cloud.faults().clear();

        // then the reconnect prefetch brings job-2 and its document into the cache
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.upstream.connection().state()
                == ConnectionState.CONNECTED);
        gateway.assertCacheMatchesCloud(THING);
        assertEquals("{\"heat\":1200}", gateway.store.document("job-2").orElseThrow().document());
    }
}
