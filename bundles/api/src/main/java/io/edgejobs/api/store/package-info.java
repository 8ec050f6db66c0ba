/** The gateway's durable store: executions, documents, outbox and known things. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgejobs.api.store;
