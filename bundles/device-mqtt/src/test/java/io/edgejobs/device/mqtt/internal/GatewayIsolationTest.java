package io.edgejobs.device.mqtt.internal;

import static io.edgejobs.test.support.SdkDevice.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import io.edgejobs.test.support.SdkDevice;

/**
 * Two things on two connections: each device sees and touches only its own thing's Jobs topics, as an AWS IoT
 * policy on {@code ${iot:Connection.Thing.ThingName}} would allow.
 */
class GatewayIsolationTest {

    private static final String A = "thing-a";
    private static final String B = "thing-b";

    @TempDir
    Path dir;
    private GatewayFixture gateway;
    private SdkDevice deviceB;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.start(dir);
        deviceB = gateway.sdkDevice(B);
        gateway.createJob("job-a", "{\"for\":\"a\"}", A);
        gateway.createJob("job-b", "{\"for\":\"b\"}", B);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aDeviceMaySubscribeOnlyUnderItsOwnThingsJobsTopics() throws Exception {
        RawDevice a = gateway.rawDevice(A, null);

        assertEquals(1, a.subscribe("$aws/things/thing-a/jobs/notify-next"));
        assertEquals(1, a.subscribe("$aws/things/thing-a/jobs/+/update/+"));
        assertEquals(128, a.subscribe("$aws/things/thing-b/jobs/notify-next"));
        assertEquals(128, a.subscribe("$aws/things/+/jobs/notify-next"));
        assertEquals(128, a.subscribe("$aws/things/thing-b/jobs/#"));
        assertEquals(128, a.subscribe("#"));
        assertEquals(128, a.subscribe("$aws/things/thing-a/shadow/update"));
    }

    @Test
    void aDeviceCannotReadAnotherThingsExecutions() throws Exception {
        RawDevice a = gateway.rawDevice(A, null);
        a.subscribe("$aws/things/thing-a/jobs/+/get/+");

        // when A asks for B's job on B's topic
        a.publish("$aws/things/thing-b/jobs/job-b/get", "{\"clientToken\":\"spy\"}");

        // then its connection is closed, as AWS IoT Core does on a policy violation, and nothing is answered
        assertNotNull(a.connectionLost.poll(10, TimeUnit.SECONDS), "A's connection was not closed");
        assertTrue(a.messages.isEmpty(), () -> "A received " + a.messages);
        // while B is still served
        DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
        describe.thingName = B;
        describe.jobId = "job-b";
        assertEquals(JobStatus.QUEUED, await(deviceB.jobs().describeJobExecution(describe)).execution.status);
    }

    @Test
    void aDeviceCannotUpdateAnotherThingsExecution() throws Exception {
        RawDevice a = gateway.rawDevice(A, null);

        // when A tries to finish B's job
        a.publish("$aws/things/thing-b/jobs/job-b/update", "{\"status\":\"SUCCEEDED\",\"clientToken\":\"forged\"}");

        // then A is cut off and B's execution is untouched in the cloud and in the cache
        assertNotNull(a.connectionLost.poll(10, TimeUnit.SECONDS), "A's connection was not closed");
        assertEquals("QUEUED v1 {}", gateway.cloudView(B).get("job-b#1"));
        gateway.assertCacheMatchesCloud(B);
        assertEquals(JobExecutionStatus.QUEUED, gateway.store.latestExecution(B, "job-b").orElseThrow().status());
    }

    @Test
    void theThingIsTheClientIdWhateverTheUserNameSays() throws Exception {
        // given a device whose user name carries an SDK metrics suffix and another thing's name
        RawDevice a = gateway.rawDevice(A, "thing-b?SDK=JavaScript&Version=1.2");

        // then it is thing-a: its own topics are allowed, thing-b's are not
        assertEquals(1, a.subscribe("$aws/things/thing-a/jobs/notify"));
        assertEquals(128, a.subscribe("$aws/things/thing-b/jobs/notify"));
    }

    @Test
    void aClientIdThatIsNoThingNameIsRefused() {
        MqttException refused = assertThrows(MqttException.class, () -> gateway.rawDevice("not a thing!", null));
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refused.getReasonCode());
    }

    @Test
    void withoutAnonymousDevicesAUserNameIsRequiredAndAMetricsSuffixAloneIsNone() throws Exception {
        // given a second listener that refuses anonymous devices
        try (DeviceMqttFrontend strict = DeviceMqttFrontend.start(new MqttServerFactoryComponent(),
                DeviceMqttOptions.DEFAULTS.withPort(0).withAllowAnonymous(false), gateway.engine, gateway.engine,
                Clock.systemUTC())) {
            int port = strict.boundPort();

            MqttException noName = assertThrows(MqttException.class, () -> new RawDevice(A, port, null));
            assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, noName.getReasonCode());
            MqttException suffixOnly = assertThrows(MqttException.class,
                    () -> new RawDevice(A, port, "?SDK=Java&Version=1.30.1"));
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, suffixOnly.getReasonCode());
            try (RawDevice named = new RawDevice(A, port, "line-3?SDK=Java&Version=1.30.1")) {
                assertEquals(1, named.subscribe("$aws/things/thing-a/jobs/notify-next"));
            }
        }
    }
}
