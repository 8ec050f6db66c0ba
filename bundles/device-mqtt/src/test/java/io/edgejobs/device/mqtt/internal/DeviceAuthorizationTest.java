package io.edgejobs.device.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeviceAuthorizationTest {

    private final DeviceAuthorization open = new DeviceAuthorization(true);
    private final DeviceAuthorization strict = new DeviceAuthorization(false);

    @Test
    void theSdkMetricsSuffixIsStrippedFromUserNames() {
        assertEquals("operator", DeviceAuthorization.userName("operator?SDK=JavaScript&Version=1.2"));
        assertNull(DeviceAuthorization.userName("?SDK=Java&Version=1.30.1"));
        assertEquals("plain", DeviceAuthorization.userName("plain"));
        assertNull(DeviceAuthorization.userName(null));
    }

    @Test
    void aClientIdMustBeAThingName() {
        assertTrue(open.mayConnect("pump-1:line_2", null));
        assertFalse(open.mayConnect("pump 1", null));
        assertFalse(open.mayConnect("x".repeat(129), null));
    }

    @Test
    void withoutAnonymousAccessAUserNameBesidesTheSuffixIsNeeded() {
        assertFalse(strict.mayConnect("pump-1", null));
        assertFalse(strict.mayConnect("pump-1", "?SDK=Java&Version=1.30.1"));
        assertTrue(strict.mayConnect("pump-1", "operator?SDK=Java&Version=1.30.1"));
        assertTrue(open.mayConnect("pump-1", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/pump-1/jobs/get", "$aws/things/pump-1/jobs/job-1/update",
        "$aws/things/pump-1/jobs/$next/get", "$aws/things/pump-1/jobs/bogus", "$aws/things/pump-1/jobs"})
    void aDeviceMayPublishUnderItsOwnJobsTopics(String topic) {
        assertTrue(open.mayPublish("pump-1", topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/pump-2/jobs/get", "$aws/things/pump-1x/jobs/get",
        "$aws/things/pump-1/shadow/update", "$aws/things/pump-1/jobsx", "dt/pump-1/telemetry",
        "$aws/things/pump/jobs/get"})
    void aDeviceMayNotPublishAnywhereElse(String topic) {
        assertFalse(open.mayPublish("pump-1", topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/pump-1/jobs/notify-next", "$aws/things/pump-1/jobs/+/update/+",
        "$aws/things/pump-1/jobs/get/+", "$aws/things/pump-1/jobs/start-next/+", "$aws/things/pump-1/jobs/+/get/+",
        "$aws/things/pump-1/jobs/#"})
    void aDeviceMaySubscribeWithWildcardsUnderItsOwnJobsTopics(String filter) {
        assertTrue(open.maySubscribe("pump-1", filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/+/jobs/notify-next", "$aws/things/#", "#", "+/things/pump-1/jobs/get",
        "$aws/things/pump-2/jobs/#", "$aws/things/pump-1/#", "$aws/+/pump-1/jobs/get"})
    void aDeviceMayNotSubscribeBeyondIt(String filter) {
        assertFalse(open.maySubscribe("pump-1", filter));
    }
}
