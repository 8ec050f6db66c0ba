package io.edgejobs.broker.internal;

import io.netty.channel.Channel;
import java.util.List;
import java.util.function.Predicate;

/**
 * What every {@link ClientPacketTap} of one server shares.
 *
 * @param handlerBacklogPerClient onPublish callbacks a connection may have queued before its socket stops being read
 * @param acceptedByMoquette whether Moquette's protocol core has finished accepting a channel's connection
 */
record TapContext(String serverName, GuardedHandler handler, ConnectionRegistry connections,
                  List<TopicFilter> consumedTopicFilters, boolean allowAnonymous, int handlerBacklogPerClient,
                  Predicate<Channel> acceptedByMoquette) {

    boolean isConsumed(String topicName) {
        return TopicFilter.anyMatches(consumedTopicFilters, topicName);
    }
}
