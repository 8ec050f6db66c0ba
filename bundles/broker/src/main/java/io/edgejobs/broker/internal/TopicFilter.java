package io.edgejobs.broker.internal;

import java.util.List;

/** An MQTT 3.1.1 topic filter and its matching rules (section 4.7), including the {@code $}-topic rule 4.7.2. */
final class TopicFilter {

    private final String[] levels;

    private TopicFilter(String filter) {
        this.levels = filter.split("/", -1);
    }

    static TopicFilter of(String filter) {
        return new TopicFilter(filter);
    }

    /** True if any of the filters matches the topic name. */
    static boolean anyMatches(List<TopicFilter> filters, String topicName) {
        for (TopicFilter filter : filters) {
            if (filter.matches(topicName)) {
                return true;
            }
        }
        return false;
    }

    /** A topic name a client may publish to: not empty, no wildcard, no NUL. */
    static boolean isValidTopicName(String topicName) {
        return topicName != null && !topicName.isEmpty()
            && topicName.indexOf('+') < 0 && topicName.indexOf('#') < 0 && topicName.indexOf('\u0000') < 0;
    }

    boolean matches(String topicName) {
        String[] topic = topicName.split("/", -1);
        boolean wildcardFirst = levels[0].equals("+") || levels[0].equals("#");
        if (wildcardFirst && topicName.startsWith("$")) {
            return false;
        }
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                return true;
            }
            if (i >= topic.length) {
                return false;
            }
            if (!level.equals("+") && !level.equals(topic[i])) {
                return false;
            }
        }
        return levels.length == topic.length;
    }

    @Override
    public String toString() {
        return String.join("/", levels);
    }
}
