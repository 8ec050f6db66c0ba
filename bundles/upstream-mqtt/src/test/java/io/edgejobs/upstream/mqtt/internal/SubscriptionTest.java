package io.edgejobs.upstream.mqtt.internal;

import static io.edgejobs.upstream.mqtt.internal.RequestForwardingTest.failure;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.options;
import static io.edgejobs.upstream.mqtt.internal.TestConfigs.plain;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamUnavailableException;
import io.edgejobs.wire.MqttJobsCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
    private final MqttJobsCodec codec = new MqttJobsCodec();
    private TestCloud cloud;
    private MqttTap tap;
    private Harness harness;

    @BeforeEach
    void start() throws Exception {
        cloud = TestCloud.start();
        tap = MqttTap.plain(cloud.port());
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        tap.close();
        cloud.close();
    }

    private Harness connect(Map<String, Object> overrides) {
        Map<String, Object> values = plain(tap.port(), "gateway-subscriptions");
        values.putAll(overrides);
        harness = Harness.started(options(values)).awaitState(ConnectionState.CONNECTED);
        return harness;
    }

    private static List<String> things(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "thing-" + i).toList();
    }

    @Test
    void wildcardModeSubscribesSixFiltersInOneSubscribeWhateverIsWatched() {
        connect(Map.of());
        harness.client.watchThings(things(0, 100));

        assertEquals(List.of(Subscriptions.WILDCARD_FILTERS), tap.subscribes());
        assertEquals(List.of("$aws/things/+/jobs/get/+", "$aws/things/+/jobs/start-next/+",
                "$aws/things/+/jobs/+/get/+", "$aws/things/+/jobs/+/update/+", "$aws/things/+/jobs/notify",
                "$aws/things/+/jobs/notify-next"), tap.subscribes().get(0));
    }

    @Test
    void perThingModeSubscribesOneFilterPerWatchedThingAtMostEightPerSubscribe() {
        connect(Map.of("wildcardSubscriptions", false));
        assertEquals(List.of(), tap.subscribes(), "nothing to subscribe before things are watched");

        harness.client.watchThings(things(0, 20));

        await().atMost(Duration.ofSeconds(5)).until(() -> tap.subscribes().stream().mapToInt(List::size).sum() == 20);
        List<List<String>> subscribes = tap.subscribes();
        assertEquals(List.of(8, 8, 4), subscribes.stream().map(List::size).toList());
        List<String> all = subscribes.stream().flatMap(List::stream).toList();
        assertEquals(things(0, 20).stream().map(t -> "$aws/things/" + t + "/jobs/#").toList(), all);
    }

    @Test
    void perThingModeResubscribesEveryThingInBatchesAfterAReconnect() {
        connect(Map.of("wildcardSubscriptions", false));
        harness.client.watchThings(things(0, 12));
        await().atMost(Duration.ofSeconds(5)).until(() -> tap.subscribes().stream().mapToInt(List::size).sum() == 12);

        tap.dropAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.subscribes().stream().mapToInt(List::size).sum() == 24);

        List<List<String>> again = tap.subscribes().subList(tap.subscribes().size() - 2, tap.subscribes().size());
        assertEquals(List.of(8, 4), again.stream().map(List::size).toList());
        harness.awaitState(ConnectionState.CONNECTED);
    }

    @Test
    void perThingModeStopsAtTheMaximumAndNamesTheThingsThatDoNotFit() throws Exception {
        connect(Map.of("wildcardSubscriptions", false, "maxSubscriptionsPerConnection", 10));

        try (LogCapture logs = new LogCapture()) {
            harness.client.watchThings(things(0, 12));

            await().atMost(Duration.ofSeconds(5)).until(() -> tap.subscribes().stream().mapToInt(List::size)
                    .sum() == 10);
            assertTrue(logs.text().contains("these things cannot be watched here, their notifications will not "
                    + "arrive and their requests fail as unavailable: [thing-10, thing-11]"), logs.text());
        }
        UpstreamUnavailableException refused = failure(harness.client.forward(
                new GetPendingJobExecutionsRequest("thing-11", "d"), AnswerReader.GET_PENDING),
                UpstreamUnavailableException.class);
        assertTrue(refused.getMessage().contains("no subscription place left"), refused.getMessage());
        assertEquals("d", harness.client.forward(new GetPendingJobExecutionsRequest("thing-9", "d"),
                AnswerReader.GET_PENDING).get(5, TimeUnit.SECONDS).clientToken());
        assertEquals(10, tap.subscribes().stream().mapToInt(List::size).sum());
    }

    @Test
    void perThingModeSubscribesAThingOnItsFirstRequestBeforePublishingIt() throws Exception {
        connect(Map.of("wildcardSubscriptions", false));

        String token = harness.client.forward(new GetPendingJobExecutionsRequest("newcomer", "d1"),
                AnswerReader.GET_PENDING).get(5, TimeUnit.SECONDS).clientToken();

        assertEquals("d1", token);
        List<MqttTap.Packet> packets = tap.packets();
        int subscribe = indexOf(packets, MqttTap.SUBSCRIBE);
        int publish = indexOf(packets, MqttTap.PUBLISH);
        assertTrue(subscribe >= 0 && subscribe < publish, "SUBSCRIBE before PUBLISH");
        assertEquals(List.of("$aws/things/newcomer/jobs/#"), packets.get(subscribe).filters());
    }

    @Test
    void aRefusedAnswerFilterKeepsTheConnectionFromBecomingReady() {
        cloud.allowSubscribe(filter -> !filter.equals("$aws/things/+/jobs/+/update/+"));
        Map<String, Object> values = plain(tap.port(), "gateway-refused");
        try (LogCapture logs = new LogCapture()) {
            harness = Harness.started(options(values));
            await().atMost(Duration.ofSeconds(10)).until(() -> cloud.connects() >= 2);
            assertTrue(logs.text().contains("refused the subscriptions [$aws/things/+/jobs/+/update/+]; without them "
                    + "no answer can arrive"), logs.text());
        }
        assertTrue(!harness.listener.states.contains(ConnectionState.CONNECTED));
    }

    @Test
    void aRefusedNotificationFilterOnlyCostsNotifications() {
        cloud.allowSubscribe(filter -> !filter.endsWith("/notify"));

        connect(Map.of());

        assertEquals(ConnectionState.CONNECTED, harness.client.state());
    }

    @Test
    void notificationsOfAnyThingReachTheListenersWithTheThingNameFromTheTopic() {
        connect(Map.of());
        JobExecutionSummary summary = new JobExecutionSummary("job-a", TestCloud.NOW, null, TestCloud.NOW, 1, 1);
        JobExecution next = new JobExecution("job-a", "pump-3", "{\"do\":\"it\"}", JobExecutionStatus.QUEUED,
                Map.of(), TestCloud.NOW, null, TestCloud.NOW, 1, 1, null);

        cloud.publish(JobsTopics.notify("pump-3"), codec.encodeNotification(new JobExecutionsChangedEvent(
                Map.of(JobExecutionStatus.QUEUED, List.of(summary)), TestCloud.NOW)));
        cloud.publish(JobsTopics.notifyNext("pump-3"), codec.encodeNotification(
                new NextJobExecutionChangedEvent(next, TestCloud.NOW)));
        cloud.publish(JobsTopics.notifyNext("valve-1"), codec.encodeNotification(
                new NextJobExecutionChangedEvent(null, TestCloud.NOW)));

        RecordingListener listener = harness.listener;
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.notifies.size() == 1
                && listener.notifyNexts.size() == 2);
        assertEquals("pump-3", listener.notifies.get(0).thingName());
        assertEquals(List.of(summary), listener.notifies.get(0).event().jobs().get(JobExecutionStatus.QUEUED));
        assertEquals("pump-3", listener.notifyNexts.get(0).thingName());
        assertEquals(next, listener.notifyNexts.get(0).event().execution());
        assertEquals("valve-1", listener.notifyNexts.get(1).thingName());
        assertNull(listener.notifyNexts.get(1).event().execution());
    }

    @Test
    void aMalformedNotificationIsDroppedWithALogLineAndTheNextOneStillArrives() {
        connect(Map.of());
        try (LogCapture logs = new LogCapture()) {
            cloud.publish(JobsTopics.notifyNext("pump-4"), "not json".getBytes(StandardCharsets.UTF_8));
            cloud.publish(JobsTopics.notifyNext("pump-4"), codec.encodeNotification(
                    new NextJobExecutionChangedEvent(null, TestCloud.NOW)));

            await().atMost(Duration.ofSeconds(5)).until(() -> harness.listener.notifyNexts.size() == 1);
            assertTrue(logs.text().contains("malformed notify-next for thing pump-4 dropped"), logs.text());
        }
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheOthersFromTheirNotifications() {
        connect(Map.of());
        List<String> seen = new ArrayList<>();
        harness.events.addListener(new RecordingListener() {
            @Override
            public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
                throw new IllegalStateException("listener bug");
            }
        });
        harness.events.addListener(new RecordingListener() {
            @Override
            public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
                seen.add(thingName);
            }
        });

        cloud.publish(JobsTopics.notifyNext("pump-5"), codec.encodeNotification(
                new NextJobExecutionChangedEvent(null, TestCloud.NOW)));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1 && harness.listener.notifyNexts.size() == 1);
    }

    private static int indexOf(List<MqttTap.Packet> packets, int type) {
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }
}
