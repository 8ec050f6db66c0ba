package io.edgejobs.broker.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicFilterTest {

    @Test
    void exactAndSingleLevelWildcards() {
        assertTrue(TopicFilter.of("$aws/things/+/jobs/get").matches("$aws/things/T/jobs/get"));
        assertFalse(TopicFilter.of("$aws/things/+/jobs/get").matches("$aws/things/T/jobs/get/accepted"));
        assertFalse(TopicFilter.of("$aws/things/+/jobs/get").matches("$aws/things/T/jobs/J/get"));
        assertTrue(TopicFilter.of("$aws/things/+/jobs/+/get").matches("$aws/things/T/jobs/$next/get"));
        assertTrue(TopicFilter.of("a/+/c").matches("a//c"));
        assertFalse(TopicFilter.of("a/+").matches("a"));
    }

    @Test
    void multiLevelWildcardMatchesTheParentToo() {
        assertTrue(TopicFilter.of("a/#").matches("a"));
        assertTrue(TopicFilter.of("a/#").matches("a/b/c"));
        assertTrue(TopicFilter.of("#").matches("a/b"));
    }

    @Test
    void wildcardsInTheFirstLevelDoNotMatchDollarTopics() {
        assertFalse(TopicFilter.of("#").matches("$aws/things/T/jobs/get"));
        assertFalse(TopicFilter.of("+/things/T/jobs/get").matches("$aws/things/T/jobs/get"));
        assertTrue(TopicFilter.of("$aws/#").matches("$aws/things/T/jobs/get"));
    }

    @Test
    void topicNames() {
        assertTrue(TopicFilter.isValidTopicName("$aws/things/T/jobs/get"));
        assertFalse(TopicFilter.isValidTopicName(""));
        assertFalse(TopicFilter.isValidTopicName("a/+"));
        assertFalse(TopicFilter.isValidTopicName("a/#"));
        assertFalse(TopicFilter.isValidTopicName(null));
    }
}
