/** The seam between the gateway engine and its connection to the cloud. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgejobs.api.upstream;
