package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.jobs.Identifiers;
import io.edgejobs.api.upstream.ConnectionState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection subscribes to and the SUBSCRIBEs that get it there: the six wildcard filters, or in per-thing
 * mode ({@code wildcardSubscriptions=false}) one filter per thing that holds a place ({@link ThingSubscriptions}).
 * Every new session subscribes everything again; in per-thing mode, things that get a place later are subscribed
 * in batches while connected. SUBACK codes are judged here: which refusals make the connection useless.
 *
 * <p>SUBACKs are handled on the {@link ConnectionThread}; {@link #watch}, {@link #placeFor} and
 * {@link #queueFlush} may be called from any thread.
 */
final class SessionSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSubscriptions.class);
    private static final int QOS = 1;

    private final UpstreamOptions options;
    private final ConnectionStatus status;
    private final ConnectionThread thread;
    /** Null in wildcard mode. */
    private final ThingSubscriptions thingSubscriptions;
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    SessionSubscriptions(UpstreamOptions options, ConnectionStatus status, ConnectionThread thread) {
        this.options = options;
        this.status = status;
        this.thread = thread;
        this.thingSubscriptions = options.wildcardSubscriptions() ? null
                : new ThingSubscriptions(options.maxSubscriptions());
    }

    /** Per-thing mode: a request can only be published once its thing's subscription is active. */
    boolean perThing() {
        return thingSubscriptions != null;
    }

    /** Adds things to watch (their notifications); in per-thing mode each takes a subscription place. */
    void watch(Collection<String> thingNames) {
        List<String> valid = new ArrayList<>();
        for (String thing : thingNames) {
            if (Identifiers.isValidThingName(thing)) {
                valid.add(thing);
            } else {
                LOG.warn("upstream: not watching '{}': not a valid thing name", thing);
            }
        }
        if (thingSubscriptions == null || valid.isEmpty()) {
            return;
        }
        List<String> refused = thingSubscriptions.watch(valid);
        if (!refused.isEmpty()) {
            LOG.warn("upstream: per-thing subscriptions are at their maximum of {} on this connection "
                    + "(wildcardSubscriptions=false); these things cannot be watched here, their notifications "
                    + "will not arrive and their requests fail as unavailable: {}", options.maxSubscriptions(),
                    refused);
        }
        queueFlush();
    }

    /**
     * Per-thing mode: the thing's place (taken now if there is room), completed once its subscription is active in
     * the current session; null when the connection has no room for it (reported once in a WARN).
     */
    CompletableFuture<Void> placeFor(String thing) {
        CompletableFuture<Void> subscribed = thingSubscriptions.admit(thing);
        if (subscribed == null && thingSubscriptions.reportRefusal(thing)) {
            LOG.warn("upstream: thing {} cannot be served on this connection: it holds its maximum of {} "
                    + "per-thing subscriptions (wildcardSubscriptions=false)", thing, options.maxSubscriptions());
        }
        return subscribed;
    }

    /**
     * Subscribes a new session: all wildcard filters, or every thing that holds a place. Continues on the
     * connection thread, only while the session is current: {@code ready} with the number of filters, or
     * {@code unusable} when the SUBSCRIBE failed or a refusal leaves no way for answers to arrive.
     */
    void subscribeSession(long id, IntConsumer ready, Runnable unusable) {
        List<String> filters;
        List<String> things = List.of();
        if (thingSubscriptions == null) {
            filters = Subscriptions.WILDCARD_FILTERS;
        } else {
            thingSubscriptions.sessionEnded();
            things = thingSubscriptions.takeUnsubscribed();
            filters = things.stream().map(Subscriptions::thingFilter).toList();
        }
        List<String> subscribedThings = things;
        subscribe(filters).whenComplete((granted, failure) -> thread.execute(() -> {
            if (!status.isCurrent(id)) {
                return;
            }
            if (failure != null) {
                if (thingSubscriptions != null) {
                    thingSubscriptions.unsent(subscribedThings);
                }
                LOG.warn("upstream: subscribing failed: {}", Failures.describe(failure));
                unusable.run();
                return;
            }
            if (!acceptGrants(filters, granted)) {
                unusable.run();
                return;
            }
            ready.accept(filters.size());
        }));
    }

    /** The session ended: in per-thing mode every place must be subscribed again on the next connection. */
    void sessionEnded() {
        if (thingSubscriptions != null) {
            thingSubscriptions.sessionEnded();
        }
    }

    /** Per-thing mode: subscribes, soon, the things that got a place since the last SUBSCRIBE. */
    void queueFlush() {
        if (thingSubscriptions != null && flushQueued.compareAndSet(false, true)) {
            thread.execute(this::flushThingSubscriptions);
        }
    }

    /** Subscribes the things that got a place since the connection was made, up to 8 filters per SUBSCRIBE. */
    private void flushThingSubscriptions() {
        flushQueued.set(false);
        if (status.closed() || status.state() != ConnectionState.CONNECTED) {
            return; // done by subscribeSession() on the next connection
        }
        long id = status.session();
        for (List<String> batch : Subscriptions.batches(thingSubscriptions.takeUnsubscribed())) {
            List<String> filters = batch.stream().map(Subscriptions::thingFilter).toList();
            subscribe(filters).whenComplete((granted, failure) -> thread.execute(() -> {
                if (failure != null || id != status.session()) {
                    thingSubscriptions.unsent(batch);
                    if (failure != null && id == status.session()) {
                        LOG.info("upstream: subscribing things {} failed: {}", batch, Failures.describe(failure));
                    }
                    return;
                }
                acceptGrants(filters, granted);
            }));
        }
    }

    /**
     * Checks the SUBACK codes. Wildcard mode: a refused answer filter makes the connection useless (every request
     * would time out); a refused notification filter only costs notifications. Per-thing mode: a refused thing
     * loses its place.
     */
    private boolean acceptGrants(List<String> filters, List<Integer> granted) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            if (granted.get(i) == Subscriber.REFUSED) {
                refused.add(filters.get(i));
            }
        }
        if (refused.isEmpty()) {
            if (thingSubscriptions != null) {
                thingSubscriptions.subscribed(filters.stream().map(Subscriptions::thingOf).toList());
            }
            return true;
        }
        if (thingSubscriptions != null) {
            List<String> refusedThings = refused.stream().map(Subscriptions::thingOf).toList();
            LOG.warn("upstream: the IoT policy refused the subscriptions of these things: {}", refusedThings);
            thingSubscriptions.refused(refusedThings, new IllegalStateException("subscription refused"));
            thingSubscriptions.subscribed(filters.stream().filter(f -> !refused.contains(f))
                    .map(Subscriptions::thingOf).toList());
            return true;
        }
        if (refused.stream().anyMatch(Subscriptions.RESPONSE_FILTERS::contains)) {
            LOG.error("upstream: the IoT policy of {} refused the subscriptions {}; without them no answer can "
                    + "arrive. Allow iot:Subscribe on these topic filters (docs/aws-iot-core.md) or set "
                    + "wildcardSubscriptions=false", options.clientId(), refused);
            return false;
        }
        LOG.warn("upstream: the IoT policy refused the subscriptions {}; notifications will not arrive", refused);
        return true;
    }

    private CompletableFuture<List<Integer>> subscribe(List<String> filters) {
        return Subscriber.subscribe(status.client(), filters, QOS);
    }
}
