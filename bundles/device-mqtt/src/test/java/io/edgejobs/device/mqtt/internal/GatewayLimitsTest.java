package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import io.edgejobs.test.support.SdkDevice;

/** Sizes and topic filters real devices use. */
class GatewayLimitsTest {

    private static final String THING = "mixer-1";

    @TempDir
    Path dir;
    private GatewayFixture gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aJobDocumentOfAlmost32KbTravelsToTheDeviceAndIntoTheCache() throws Exception {
        // given a document just under the 32768-byte limit
        String document = "{\"blob\":\"" + "x".repeat(32_700) + "\"}";
        SdkDevice device = gateway.sdkDevice(THING);
        gateway.createJob("big-1", document, THING);

        // when the device describes it
        DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
        describe.thingName = THING;
        describe.jobId = "big-1";
        DescribeJobExecutionResponse answer = await(device.jobs().describeJobExecution(describe));

        // then
        assertEquals(32_700, ((String) answer.execution.jobDocument.get("blob")).length());
        assertEquals(document, gateway.store.document("big-1").orElseThrow().document());
        gateway.assertCacheMatchesCloud(THING);
    }

    @Test
    void wildcardFiltersUnderTheThingReceiveTheirAnswers() throws Exception {
        // given the filters of FreeRTOS OTA and the JS SDK: jobs/+/get/+ and jobs/+/update/+
        gateway.createJob("job-w", "{\"w\":1}", THING);
        RawDevice device = gateway.rawDevice(THING, null);
        assertEquals(1, device.subscribe("$aws/things/mixer-1/jobs/+/get/+"));
        assertEquals(1, device.subscribe("$aws/things/mixer-1/jobs/+/update/+"));

        // when it describes $next and updates the job
        device.publish("$aws/things/mixer-1/jobs/$next/get", "{\"clientToken\":\"n-1\"}");
        String described = device.messages.poll(10, TimeUnit.SECONDS);
        device.publish("$aws/things/mixer-1/jobs/job-w/update", "{\"status\":\"IN_PROGRESS\",\"clientToken\":\"u-1\"}");
        String updated = device.messages.poll(10, TimeUnit.SECONDS);

        // then both answers arrive on the topics the filters match
        assertNotNull(described);
        assertTrue(described.startsWith("$aws/things/mixer-1/jobs/$next/get/accepted {"), described);
        assertTrue(described.contains("\"n-1\"") && described.contains("job-w"), described);
        assertNotNull(updated);
        assertTrue(updated.startsWith("$aws/things/mixer-1/jobs/job-w/update/accepted {"), updated);
        gateway.assertCacheMatchesCloud(THING);
    }

    @Test
    void anOversizedPacketClosesTheDevicesConnectionAndTheGatewayKeepsServing() throws Exception {
        // given
        RawDevice device = gateway.rawDevice(THING, null);
        device.subscribe("$aws/things/mixer-1/jobs/get/+");

        // when it publishes more than the 65536-byte limit
        device.publish("$aws/things/mixer-1/jobs/get", "{\"clientToken\":\"" + "y".repeat(70_000) + "\"}");

        // then its connection is closed, unanswered
        assertNotNull(device.connectionLost.poll(10, TimeUnit.SECONDS), "connection not closed");
        assertTrue(device.messages.isEmpty());
        // and a new connection of the thing is served
        SdkDevice again = new SdkDevice(THING, gateway.devices.boundPort());
        try {
            GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
            get.thingName = THING;
            assertNotNull(await(again.jobs().getPendingJobExecutions(get)).timestamp);
        } finally {
            again.close();
        }
    }
}
