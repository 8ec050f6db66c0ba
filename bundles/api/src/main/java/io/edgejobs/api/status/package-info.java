/**
 * The gateway's own state for diagnostics (the Web Console's Status tab, a health endpoint): what the outbox replay
 * did since the engine started, read through a service the engine registers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgejobs.api.status;
