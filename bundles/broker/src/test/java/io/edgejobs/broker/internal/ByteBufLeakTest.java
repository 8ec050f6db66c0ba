package io.edgejobs.broker.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every decoded packet is a reference-counted buffer; the tap consumes some of them itself. Netty's leak detector
 * at PARANOID level tracks every buffer; a listener (set through reflection, Netty keeps the detector private)
 * collects the reports.
 */
class ByteBufLeakTest {

    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private ResourceLeakDetector.Level previousLevel;

    @BeforeEach
    void trackEveryBuffer() throws Exception {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        detector().setLeakListener((type, records) -> leaks.add(type + " " + records));
    }

    @AfterEach
    void restore() throws Exception {
        detector().setLeakListener(null);
        ResourceLeakDetector.setLevel(previousLevel);
    }

    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> detector() throws Exception {
        Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
        field.setAccessible(true);
        return (ResourceLeakDetector<ByteBuf>) field.get(null);
    }

    @Test
    void givenTrafficOnEveryPath_whenTheServerIsClosed_thenNoBufferLeaked() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        handler.refusedPublishTopics.add("forbidden/topic");
        try (MoquetteMqttServer server = TestServers.start(TestServers.options("leak").withMaxMessageBytes(4096), handler);
             TestClient subscriber = TestClient.connect(server.boundPort(), "sub")) {
            subscriber.subscribe(2, "things/#", "$aws/things/thing-1/jobs/#");
            try (TestClient device = TestClient.connect(server.boundPort(), "thing-1")) {
                for (int qos = 0; qos <= 2; qos++) {
                    device.publish("things/thing-1/telemetry", "routed " + qos, qos);
                }
                device.publish("$aws/things/thing-1/jobs/get", "consumed 0", 0);
                device.publish("$aws/things/thing-1/jobs/get", "consumed 1", 1);
                server.sendTo("sub", "$aws/things/thing-1/jobs/get/accepted", "p2p".getBytes(), 1);
                server.publish("things/thing-1/retained", "retained".getBytes(), 1, true);
                await().until(() -> handler.publishesOf("thing-1").size() == 5);
                await().until(() -> subscriber.received.size() == 5);
            }
            try (TestClient oversized = TestClient.connect(server.boundPort(), "big")) {
                oversized.publishExpectingDisconnect("things/big", new byte[8000], 0);
            }
            try (TestClient refused = TestClient.connect(server.boundPort(), "refused")) {
                refused.publishExpectingDisconnect("forbidden/topic", new byte[10], 1);
            }
        }

        for (int i = 0; i < 10 && leaks.isEmpty(); i++) {
            System.gc();
            // The detector reports collected-but-unreleased buffers when the next buffer is tracked.
            PooledByteBufAllocator.DEFAULT.directBuffer(64).release();
            PooledByteBufAllocator.DEFAULT.heapBuffer(64).release();
            Thread.sleep(20);
        }
        assertEquals(List.of(), leaks);
    }
}
