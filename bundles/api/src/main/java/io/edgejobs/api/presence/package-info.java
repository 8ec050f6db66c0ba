/**
 * Which things are served by this gateway: transports report the things whose devices they see, so that the
 * engine can watch their notifications upstream and keep their executions cached.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgejobs.api.presence;
