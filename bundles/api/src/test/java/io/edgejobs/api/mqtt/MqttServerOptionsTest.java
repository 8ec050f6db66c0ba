package io.edgejobs.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttServerOptionsTest {

    @Test
    void defaultsAreLoopbackFactoryMessageSizeNoAnonymousAndTheJobsRequestTopics() {
        MqttServerOptions options = MqttServerOptions.defaults("gateway", 1883);

        assertEquals("127.0.0.1", options.host());
        assertEquals(1883, options.port());
        assertEquals(0, options.maxMessageBytes());
        assertFalse(options.allowAnonymous());
        assertEquals(MqttServerOptions.AWS_JOBS_REQUEST_TOPIC_FILTERS, options.consumedTopicFilters());
    }

    @Test
    void withersChangeOneValue() {
        MqttServerOptions options = MqttServerOptions.defaults("emulator", 0)
            .withHost("0.0.0.0").withPort(18883).withMaxMessageBytes(131072).withAllowAnonymous(true)
            .withConsumedTopicFilters(List.of("requests/#"));

        assertEquals(new MqttServerOptions("emulator", "0.0.0.0", 18883, 131072, true, List.of("requests/#")), options);
    }

    @Test
    void consumedFiltersAreCopied() {
        List<String> filters = new ArrayList<>(List.of("a/b"));
        MqttServerOptions options = MqttServerOptions.defaults("x", 0).withConsumedTopicFilters(filters);

        filters.add("c/d");

        assertEquals(List.of("a/b"), options.consumedTopicFilters());
    }

    @Test
    void invalidValuesAreRejected() {
        MqttServerOptions options = MqttServerOptions.defaults("x", 0);

        assertThrows(IllegalArgumentException.class, () -> MqttServerOptions.defaults(" ", 0));
        assertThrows(IllegalArgumentException.class, () -> options.withHost(""));
        assertThrows(IllegalArgumentException.class, () -> options.withPort(65536));
        assertThrows(IllegalArgumentException.class, () -> options.withPort(-1));
        assertThrows(IllegalArgumentException.class, () -> options.withMaxMessageBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> options.withMaxMessageBytes(268_435_456));
        assertThrows(IllegalArgumentException.class, () -> options.withConsumedTopicFilters(List.of("a/#/b")));
        assertThrows(IllegalArgumentException.class, () -> options.withConsumedTopicFilters(List.of("a/b+")));
        assertThrows(IllegalArgumentException.class, () -> options.withConsumedTopicFilters(List.of("")));
    }
}
