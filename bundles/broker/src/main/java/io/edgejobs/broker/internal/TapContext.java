package io.edgejobs.broker.internal;

import java.util.List;

/**
 * What every {@link ClientPacketTap} of one server shares.
 *
 * @param handlerBacklogPerClient onPublish callbacks a connection may have queued before its socket stops being read
 */
record TapContext(String serverName, GuardedHandler handler, ConnectionRegistry connections,
                  List<TopicFilter> consumedTopicFilters, boolean allowAnonymous, int handlerBacklogPerClient) {

    boolean isConsumed(String topicName) {
        return TopicFilter.anyMatches(consumedTopicFilters, topicName);
    }
}
