package io.edgejobs.emulator.internal.cloud;

import java.util.List;

/**
 * One page of a list operation: AWS's {@code maxResults} / {@code nextToken}. The token is the decimal offset of
 * the next item; the emulator's lists are stable enough between calls for that.
 *
 * @param items this page
 * @param nextToken the token for the next page, or null on the last one
 */
public record Page<T>(List<T> items, String nextToken) {

    /** AWS's largest page for the job lists. */
    public static final int MAX_RESULTS = 250;

    public static <T> Page<T> of(List<T> all, Integer maxResults, String nextToken) {
        int size = maxResults == null ? MAX_RESULTS : maxResults;
        if (size < 1 || size > MAX_RESULTS) {
            throw ControlPlaneException.invalidRequest("maxResults must be 1.." + MAX_RESULTS + ", got " + size);
        }
        int from;
        try {
            from = nextToken == null || nextToken.isEmpty() ? 0 : Integer.parseInt(nextToken);
        } catch (NumberFormatException e) {
            throw ControlPlaneException.invalidRequest("nextToken is not a token this emulator issued: " + nextToken);
        }
        if (from < 0 || from > all.size()) {
            throw ControlPlaneException.invalidRequest("nextToken is out of range: " + nextToken);
        }
        int to = Math.min(all.size(), from + size);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null);
    }
}
