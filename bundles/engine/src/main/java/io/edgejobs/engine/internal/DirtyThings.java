package io.edgejobs.engine.internal;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The things with outbox entries (device updates the cloud has not seen yet), in memory so that every request can
 * ask at no cost. Loaded from the store at start; a thing becomes dirty after a local write committed its outbox
 * entry, and clean when the replay committed the removal of its last entry. Both happen on the thing's cache lane,
 * so the set never disagrees with the store for longer than a commit.
 *
 * <p>All requests of a dirty thing are answered locally (the cloud does not know what its devices were told yet);
 * the cloud's notifications for it are not relayed as they are (they can be older than what the devices know).
 */
final class DirtyThings {

    private final Set<String> things = ConcurrentHashMap.newKeySet();

    DirtyThings(Collection<String> stored) {
        things.addAll(stored);
    }

    boolean isDirty(String thing) {
        return things.contains(thing);
    }

    void markDirty(String thing) {
        things.add(thing);
    }

    void markClean(String thing) {
        things.remove(thing);
    }

    /** Every dirty thing, sorted (replay at reconnect, diagnostics). */
    Set<String> all() {
        return new TreeSet<>(things);
    }
}
