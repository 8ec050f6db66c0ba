package io.edgejobs.emulator;

import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import io.edgejobs.emulator.internal.Emulator;
import io.edgejobs.emulator.internal.EmulatorSettings;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateJobResponse;
import io.edgejobs.test.support.SdkDevice;

/**
 * An emulator on ephemeral loopback ports (memory state, no throttling unless a test asks), the official AWS SDK
 * for Java v2 {@link IotClient} pointed at its control plane with fake static credentials, and devices.
 */
final class EmulatorFixture implements AutoCloseable {

    final Emulator emulator;
    final IotClient iot;
    private final List<SdkDevice> devices = new ArrayList<>();

    private EmulatorFixture(Emulator emulator) {
        this.emulator = emulator;
        this.iot = iotClient(emulator.httpEndpoint());
    }

    static EmulatorFixture start() throws Exception {
        return start(s -> s);
    }

    static EmulatorFixture start(UnaryOperator<EmulatorSettings> tweak) throws Exception {
        EmulatorSettings settings = tweak.apply(EmulatorSettings.defaults()
                .withMqtt("127.0.0.1", 0)
                .withHttp("127.0.0.1", 0)
                .withThrottle(ThrottleLimits.UNLIMITED));
        return new EmulatorFixture(Emulator.start(settings, new MqttServerFactoryComponent()));
    }

    static IotClient iotClient(String endpoint) {
        return IotClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAEMULATOREXAMPLE", "fake-secret-key-for-the-emulator")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    SdkDevice device(String thingName) throws Exception {
        SdkDevice device = new SdkDevice(thingName, emulator.mqttPort(), true);
        devices.add(device);
        return device;
    }

    /** CreateJob through the SDK with thing ARNs, as a real operator would. */
    CreateJobResponse createJob(String jobId, String document, String... thingNames) {
        List<String> targets = new ArrayList<>();
        for (String thing : thingNames) {
            targets.add(thingArn(thing));
        }
        return iot.createJob(b -> b.jobId(jobId).document(document).targets(targets));
    }

    String thingArn(String thingName) {
        return "arn:aws:iot:us-east-1:123456789012:thing/" + thingName;
    }

    static SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    @Override
    public void close() throws Exception {
        for (SdkDevice d : devices) {
            d.close();
        }
        iot.close();
        emulator.close();
    }
}
