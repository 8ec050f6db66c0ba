package io.edgejobs.api.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a non-null {@code statusDetails} in UpdateJobExecution, StartNextPendingJobExecution or CancelJobExecution
 * does to the execution's current details. A null (absent) {@code statusDetails} always leaves them unchanged
 * ("If not specified, the statusDetails are unchanged").
 *
 * <p>AWS documents only the null case. {@link #REPLACE} is the default: the request's map becomes the execution's
 * details, which keeps the "at most 10 name/value pairs" rule a property of every request and of the stored
 * state alike. {@link #MERGE} is offered for deployments whose devices send only changed keys; see
 * docs/decisions-api.md.
 */
public enum StatusDetailsMode {
    /** The request's details replace the current ones; an empty map clears them. */
    REPLACE,
    /** The request's pairs are put over the current ones; the result must still respect the pair limit. */
    MERGE;

    /**
     * The details after a request.
     *
     * @param current the execution's details
     * @param requested the request's details, or null for "unchanged"
     * @param maxPairs the most pairs the result may hold (MERGE only; a REPLACE request was validated itself)
     * @return the new details, insertion-ordered and unmodifiable
     * @throws JobsException InvalidRequest when a merge exceeds {@code maxPairs}
     */
    public Map<String, String> apply(Map<String, String> current, Map<String, String> requested, int maxPairs) {
        if (requested == null) {
            return StatusDetails.copyOf(current);
        }
        if (this == REPLACE) {
            return StatusDetails.copyOf(requested);
        }
        Map<String, String> merged = new LinkedHashMap<>(current == null ? Map.of() : current);
        merged.putAll(requested);
        if (merged.size() > maxPairs) {
            throw new JobsException(ErrorCode.InvalidRequest, "statusDetails: merging the request into the current"
                    + " details gives " + merged.size() + " name/value pairs; at most " + maxPairs + " are allowed");
        }
        return StatusDetails.copyOf(merged);
    }
}
