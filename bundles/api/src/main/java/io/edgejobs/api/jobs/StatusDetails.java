package io.edgejobs.api.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for statusDetails maps: immutable, insertion-ordered copies; null means "none". */
public final class StatusDetails {
    private StatusDetails() {
    }

    /** An unmodifiable insertion-ordered copy; null becomes an empty map. */
    public static Map<String, String> copyOf(Map<String, String> details) {
        if (details == null || details.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
