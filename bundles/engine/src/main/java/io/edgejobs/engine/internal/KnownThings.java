package io.edgejobs.engine.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The things this gateway serves: configured ones, ones whose cache was filled before (from the store) and ones
 * seen on a transport during this run. Their notifications are watched upstream and their caches prefetched.
 */
final class KnownThings {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile Set<String> configured = Set.of();

    void configure(Set<String> things) {
        configured = Set.copyOf(things);
    }

    /** Adds things cached in an earlier run. */
    void addStored(Set<String> things) {
        seen.addAll(things);
    }

    /** @return true when the thing was not known before */
    boolean add(String thing) {
        return !configured.contains(thing) && seen.add(thing);
    }

    /** Every known thing, sorted. */
    Set<String> all() {
        Set<String> all = new TreeSet<>(seen);
        all.addAll(configured);
        return all;
    }
}
