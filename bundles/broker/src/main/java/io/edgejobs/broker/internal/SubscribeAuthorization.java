package io.edgejobs.broker.internal;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/**
 * Moquette's authorization hook: SUBSCRIBE filters go to the owner's handler (a refusal becomes SUBACK 0x80).
 * Client publishes were already authorized by {@link ClientPacketTap} before Moquette saw them, so {@code canWrite}
 * only confirms.
 */
final class SubscribeAuthorization implements IAuthorizatorPolicy {

    private final GuardedHandler handler;

    SubscribeAuthorization(GuardedHandler handler) {
        this.handler = handler;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return true;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return handler.authorizeSubscribe(client, user, topic.toString());
    }
}
