/**
 * The gateway's durable store: executions, documents, outbox and known things.
 *
 * <p>1.1.0 (offline issue): per-thing and per-execution outbox queries, outbox merges, the cloud-confirmed state
 * of executions and the reconciliation audit.
 *
 * <p>1.2.0: {@link io.edgejobs.api.store.JobStore#outboxBytes()}, the outbox's stored size (bounded by bytes too).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.edgejobs.api.store;
