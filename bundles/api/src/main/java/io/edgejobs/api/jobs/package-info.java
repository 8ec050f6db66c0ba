/**
 * The AWS IoT Jobs device-side domain: job executions, statuses, errors, the state machine and validation.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.edgejobs.api.jobs;
