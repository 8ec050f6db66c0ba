package io.edgejobs.device.mqtt.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.edgejobs.broker.internal.LogCapture;
import io.edgejobs.test.support.SdkDevice;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS IoT Device SDK closes a device by unsubscribing its streams and disconnecting at once, so the broker's
 * UNSUBACKs are written after the connection is gone: that must not log Netty's "reached at the tail of the
 * pipeline" WARN, once per device disconnect.
 */
class DeviceDisconnectLogTest {

    @TempDir
    Path dir;

    @Test
    void givenSdkDevicesThatCloseWithOpenStreams_thenNoTailOfThePipelineWarning() throws Exception {
        String log;
        try (LogCapture capture = new LogCapture(); GatewayFixture gateway = GatewayFixture.start(dir)) {
            for (int i = 0; i < 5; i++) {
                String thing = "closing-" + i;
                SdkDevice device = gateway.sdkDevice(thing);
                device.nextJobStream();
                device.jobListStream();
                device.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.devices.connectedThings().contains(thing));
            }
            gateway.devices.close();
            log = capture.text();
        }

        assertFalse(log.contains("reached at the tail of the pipeline"), log);
    }
}
