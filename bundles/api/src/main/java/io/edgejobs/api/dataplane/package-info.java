/**
 * The Jobs device data plane as a transport-neutral service: requests, responses, notifications, and the
 * {@link io.edgejobs.api.dataplane.JobsDataPlane} interface every transport and backend meets at.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgejobs.api.dataplane;
