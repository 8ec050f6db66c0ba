package io.edgejobs.upstream.mqtt.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Per-thing mode: which things hold a subscription on this connection, at most {@code capacity} of them. A thing
 * gets a place when it is watched or when a request for it is forwarded, and keeps it for the connection's
 * lifetime (re-subscribed after every reconnect). Things beyond the capacity are refused and reported once.
 */
final class ThingSubscriptions {
    private final int capacity;
    private final Map<String, Place> places = new LinkedHashMap<>();
    private final Set<String> reportedRefused = new HashSet<>();

    private static final class Place {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        boolean inFlight;
    }

    ThingSubscriptions(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Gives the things a place where there is room.
     *
     * @return the things that did not fit and were not reported before
     */
    synchronized List<String> watch(Collection<String> things) {
        List<String> refused = new ArrayList<>();
        for (String thing : things) {
            if (admit(thing) == null && reportedRefused.add(thing)) {
                refused.add(thing);
            }
        }
        return refused;
    }

    /**
     * The thing's place (taken now if there is room): a future completed once its subscription is active in the
     * current session; null when the connection has no room for it.
     */
    synchronized CompletableFuture<Void> admit(String thing) {
        Place place = places.get(thing);
        if (place == null) {
            if (places.size() >= capacity) {
                return null;
            }
            place = new Place();
            places.put(thing, place);
        }
        return place.subscribed;
    }

    /** Whether the thing was refused for lack of room and not yet reported (reports it now). */
    synchronized boolean reportRefusal(String thing) {
        return reportedRefused.add(thing);
    }

    /** The things that need a SUBSCRIBE now; they are marked as in flight. */
    synchronized List<String> takeUnsubscribed() {
        List<String> things = new ArrayList<>();
        places.forEach((thing, place) -> {
            if (!place.inFlight && !place.subscribed.isDone()) {
                place.inFlight = true;
                things.add(thing);
            }
        });
        return things;
    }

    /** The broker granted these things' filters. */
    synchronized void subscribed(Collection<String> things) {
        for (String thing : things) {
            Place place = places.get(thing);
            if (place != null) {
                place.inFlight = false;
                place.subscribed.complete(null);
            }
        }
    }

    /** The broker refused these things' filters (IoT policy): their places are freed. */
    synchronized void refused(Collection<String> things, RuntimeException reason) {
        for (String thing : things) {
            Place place = places.remove(thing);
            if (place != null) {
                place.subscribed.completeExceptionally(reason);
            }
        }
    }

    /** A SUBSCRIBE did not complete (the link dropped); the things will be taken again. */
    synchronized void unsent(Collection<String> things) {
        for (String thing : things) {
            Place place = places.get(thing);
            if (place != null) {
                place.inFlight = false;
            }
        }
    }

    /** The session ended: every subscription must be made again on the next connection. */
    synchronized void sessionEnded() {
        places.values().forEach(place -> {
            place.inFlight = false;
            if (place.subscribed.isDone()) {
                place.subscribed = new CompletableFuture<>();
            }
        });
    }

    synchronized int size() {
        return places.size();
    }
}
