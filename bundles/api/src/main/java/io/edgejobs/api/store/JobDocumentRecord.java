package io.edgejobs.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A cached job document.
 *
 * @param jobId the job
 * @param document the document's JSON text, as the cloud returned it
 * @param fetchedAt when the gateway received it (presigned URLs inside expire relative to this)
 */
public record JobDocumentRecord(String jobId, String document, Instant fetchedAt) {
    public JobDocumentRecord {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
