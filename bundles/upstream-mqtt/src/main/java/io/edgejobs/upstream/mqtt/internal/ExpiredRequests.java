package io.edgejobs.upstream.mqtt.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last requests that timed out, by upstream clientToken, so that an answer arriving after its deadline can be
 * logged with the thing, job and device token it belonged to. Bounded; the oldest entries go first.
 */
final class ExpiredRequests {
    private final Map<String, String> byToken;

    ExpiredRequests(int capacity) {
        this.byToken = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(String upstreamToken, String description) {
        byToken.put(upstreamToken, description);
    }

    /** The description of the expired request, removed (a late answer is reported once), or null. */
    synchronized String forget(String upstreamToken) {
        return upstreamToken == null ? null : byToken.remove(upstreamToken);
    }
}
