package io.edgejobs.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a cached job document is still usable, as far as its presigned S3 URLs go ({@link PresignedUrls}): the
 * prefetch and the local answers while AWS IoT is reachable fetch it again when a URL expires within the margin
 * (or a placeholder was never expanded); the answers while AWS IoT cannot be reached serve it anyway (the device
 * decides what to do with an expired URL) and log a WARN once per job and expiry.
 */
final class DocumentFreshness {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentFreshness.class);
    /** Bounds the memory of WARNs already logged; forgetting them only means one more WARN. */
    private static final int MAX_REMEMBERED = 10_000;

    private final Clock clock;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Duration margin;

    DocumentFreshness(Clock clock, Duration margin) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.margin = Objects.requireNonNull(margin, "margin");
    }

    void setMargin(Duration newMargin) {
        margin = Objects.requireNonNull(newMargin, "newMargin");
    }

    /** The document must be fetched from AWS IoT again before it is handed out. */
    boolean refreshDue(String document) {
        return PresignedUrls.scan(document).refreshDueAt(clock.instant(), margin);
    }

    /**
     * Logs a WARN, once per job and expiry, when a document handed out from the cache holds an expired presigned
     * URL or an unexpanded placeholder.
     *
     * @return whether the document was stale
     */
    boolean flagIfStale(String thing, String jobId, String document) {
        PresignedUrls.Scan scan = PresignedUrls.scan(document);
        if (!scan.expiredAt(clock.instant())) {
            return false;
        }
        String key = jobId + (scan.placeholder() ? "|placeholder" : "|" + scan.earliestExpiry());
        if (warned.size() >= MAX_REMEMBERED) {
            warned.clear();
        }
        if (warned.add(key)) {
            LOG.warn("thing {} job {}: the cached job document is handed out with {}; AWS IoT cannot be asked for "
                    + "a fresh one now", thing, jobId, scan.placeholder()
                            ? "an unexpanded presigned-URL placeholder"
                            : "a presigned URL that expired at " + scan.earliestExpiry());
        }
        return true;
    }

    /** The (job, expiry) pairs warned about (tests, diagnostics). */
    Set<String> flagged() {
        return Set.copyOf(warned);
    }
}
