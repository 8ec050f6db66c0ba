/**
 * The MQTT topic grammar of the AWS IoT Jobs device API: parsing {@code $aws/things/{thingName}/jobs/...} topics
 * into (thing, kind, operation, job id) and building every request, response and notification topic.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgejobs.api.topic;
