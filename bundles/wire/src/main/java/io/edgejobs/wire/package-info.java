/**
 * The JSON wire formats of the AWS IoT Jobs device data plane.
 *
 * <p>{@link io.edgejobs.wire.MqttJobsCodec} reads and writes the MQTT payloads in both directions (the gateway
 * answers devices and is itself a client of AWS IoT Core); {@link io.edgejobs.wire.HttpJobsCodec} maps the HTTPS
 * rest-json routes and shapes of the {@code iot-jobs-data} service; {@link io.edgejobs.wire.JobDocuments} checks
 * job document texts; {@link io.edgejobs.wire.JobsMqttDispatcher} serves the device API on any MQTT server
 * (topic, payload, validation, data plane, answer). Payloads that cannot be read raise {@link io.edgejobs.wire.WireFormatException}, which
 * carries the request's clientToken whenever it could be read. No Jackson type appears in this package's API.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.edgejobs.wire;
