package io.edgejobs.device.mqtt.internal;

import io.edgejobs.broker.internal.TestPki;
import io.edgejobs.test.support.SdkDevice;
import software.amazon.awssdk.crt.io.SocketOptions;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;

/**
 * A device built exactly as the AWS IoT Device SDK for Java v2 samples build one for AWS IoT Core: mutual TLS from a
 * certificate file and a private key file ({@link AwsIotMqttConnectionBuilder#newMtlsBuilderFromPath}), the Amazon
 * root CA replaced by the gateway's CA, the endpoint and port pointed at the gateway, client id = thing name.
 */
final class MtlsSdkDevice implements AutoCloseable {

    final String clientId;
    private final MqttClientConnection connection;
    private final IotJobsV2Client jobs;

    private MtlsSdkDevice(String clientId, MqttClientConnection connection, IotJobsV2Client jobs) {
        this.clientId = clientId;
        this.connection = connection;
        this.jobs = jobs;
    }

    /**
     * Connects and waits for the CONNACK.
     *
     * @throws Exception what the CRT failed with (a refused CONNECT, a failed handshake)
     */
    static MtlsSdkDevice connect(String clientId, TestPki.Issued certificate, int tlsPort) throws Exception {
        MqttClientConnection connection;
        try (AwsIotMqttConnectionBuilder builder = AwsIotMqttConnectionBuilder.newMtlsBuilderFromPath(
                certificate.certificateFile().toString(), certificate.pkcs1KeyFile().toString())) {
            SocketOptions socket = new SocketOptions();
            socket.connectTimeoutMs = 3000;
            builder.withCertificateAuthorityFromPath(null, TestPki.get().caFile().toString())
                    .withEndpoint("localhost")
                    .withPort(tlsPort)
                    .withClientId(clientId)
                    .withCleanSession(true)
                    .withKeepAliveSecs(30)
                    .withProtocolOperationTimeoutMs(10_000)
                    .withSocketOptions(socket);
            connection = builder.build();
        }
        try {
            SdkDevice.await(connection.connect());
        } catch (Exception e) {
            connection.close();
            throw e;
        }
        IotJobsV2Client jobs = IotJobsV2Client.newFromMqtt311(connection, MqttRequestResponseClientOptions.builder()
                .withMaxRequestResponseSubscriptions(6)
                .withMaxStreamingSubscriptions(4)
                .withOperationTimeoutSeconds((int) SdkDevice.TIMEOUT_SECONDS)
                .build());
        return new MtlsSdkDevice(clientId, connection, jobs);
    }

    IotJobsV2Client jobs() {
        return jobs;
    }

    @Override
    public void close() throws Exception {
        jobs.close();
        try {
            SdkDevice.await(connection.disconnect());
        } finally {
            connection.close();
        }
    }
}
