/**
 * A small, broker-neutral MQTT 3.1.1 listener contract: {@link io.edgejobs.api.mqtt.MqttServerFactory} starts
 * {@link io.edgejobs.api.mqtt.MqttServer}s that call back an {@link io.edgejobs.api.mqtt.MqttServerHandler}.
 *
 * <p>Used by the gateway (its local broker for devices) and by the cloud emulator (its own broker). No type of the
 * broker implementation appears here.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.edgejobs.api.mqtt;
