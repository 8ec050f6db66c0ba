package io.edgejobs.itest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.crt.io.ClientBootstrap;
import software.amazon.awssdk.crt.io.EventLoopGroup;
import software.amazon.awssdk.crt.io.HostResolver;
import software.amazon.awssdk.crt.io.SocketOptions;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.crt.iot.SubscriptionStatusEventType;
import software.amazon.awssdk.crt.mqtt.MqttClient;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.MqttClientConnectionEvents;
import software.amazon.awssdk.crt.mqtt.MqttConnectionConfig;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionsChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException;

/**
 * A device as the AWS IoT Device SDK for Java v2 builds one: an aws-crt MQTT 3.1.1 connection without TLS to the
 * gateway's device port, client id = thing name, carrying the {@link IotJobsV2Client}; plus the connection's raw
 * subscribe and publish for what the SDK never does (another thing's topics).
 */
final class SdkDevice implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 10;

    final String thingName;
    /** One entry per interruption of the connection (the gateway closed it), with the CRT error code. */
    final BlockingQueue<Integer> interruptions = new LinkedBlockingQueue<>();
    private final EventLoopGroup eventLoops;
    private final HostResolver resolver;
    private final ClientBootstrap bootstrap;
    private final MqttClient client;
    private final MqttConnectionConfig config;
    private final MqttClientConnection connection;
    private final IotJobsV2Client jobs;

    SdkDevice(String thingName, int port) throws Exception {
        this.thingName = thingName;
        this.eventLoops = new EventLoopGroup(1);
        this.resolver = new HostResolver(eventLoops);
        this.bootstrap = new ClientBootstrap(eventLoops, resolver);
        this.client = new MqttClient(bootstrap);
        this.config = new MqttConnectionConfig();
        config.setMqttClient(client);
        config.setClientId(thingName);
        config.setEndpoint("127.0.0.1");
        config.setPort(port);
        config.setCleanSession(true);
        config.setKeepAliveSecs(30);
        config.setProtocolOperationTimeoutMs(10_000);
        SocketOptions socket = new SocketOptions();
        socket.connectTimeoutMs = 3000;
        config.setSocketOptions(socket);
        config.setConnectionCallbacks(new MqttClientConnectionEvents() {
            @Override
            public void onConnectionInterrupted(int errorCode) {
                interruptions.add(errorCode);
            }

            @Override
            public void onConnectionResumed(boolean sessionPresent) {
                // the CRT reconnects by itself; nothing to do
            }
        });
        this.connection = new MqttClientConnection(config);
        await(connection.connect());
        this.jobs = IotJobsV2Client.newFromMqtt311(connection, MqttRequestResponseClientOptions.builder()
                .withMaxRequestResponseSubscriptions(6)
                .withMaxStreamingSubscriptions(4)
                .withOperationTimeoutSeconds((int) TIMEOUT_SECONDS)
                .build());
    }

    IotJobsV2Client jobs() {
        return jobs;
    }

    /** Opens notify-next and waits until the subscription stands. */
    BlockingQueue<NextJobExecutionChangedEvent> nextJobStream() throws Exception {
        BlockingQueue<NextJobExecutionChangedEvent> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> established = new CompletableFuture<>();
        NextJobExecutionChangedSubscriptionRequest request = new NextJobExecutionChangedSubscriptionRequest();
        request.thingName = thingName;
        StreamingOperation stream = jobs.createNextJobExecutionChangedStream(request,
                V2ClientStreamOptions.<NextJobExecutionChangedEvent>builder()
                        .withStreamEventHandler(events::add)
                        .withSubscriptionEventHandler(e -> complete(established, e.getType()))
                        .build());
        stream.open();
        await(established);
        return events;
    }

    /** Opens notify and waits until the subscription stands. */
    BlockingQueue<JobExecutionsChangedEvent> jobListStream() throws Exception {
        BlockingQueue<JobExecutionsChangedEvent> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> established = new CompletableFuture<>();
        JobExecutionsChangedSubscriptionRequest request = new JobExecutionsChangedSubscriptionRequest();
        request.thingName = thingName;
        StreamingOperation stream = jobs.createJobExecutionsChangedStream(request,
                V2ClientStreamOptions.<JobExecutionsChangedEvent>builder()
                        .withStreamEventHandler(events::add)
                        .withSubscriptionEventHandler(e -> complete(established, e.getType()))
                        .build());
        stream.open();
        await(established);
        return events;
    }

    private static void complete(CompletableFuture<Void> established, SubscriptionStatusEventType type) {
        if (type == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
            established.complete(null);
        }
    }

    /** A raw SUBSCRIBE on this connection; the future completes when the SUBACK arrives. */
    CompletableFuture<Integer> subscribe(String filter, BlockingQueue<MqttMessage> into) {
        return connection.subscribe(filter, QualityOfService.AT_LEAST_ONCE, into::add);
    }

    /** A raw QoS 0 PUBLISH (QoS 0: a refused publish is not re-sent by the CRT after its reconnect). */
    void publish(String topic, String payload) throws Exception {
        await(connection.publish(new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8),
                QualityOfService.AT_MOST_ONCE)));
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The modeled error of a rejected request, checked to carry the expected code. */
    static V2ErrorResponse rejection(CompletableFuture<?> future, RejectedErrorCode expected) throws Exception {
        try {
            Object answer = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return fail("expected " + expected + ", got " + answer);
        } catch (ExecutionException e) {
            V2ErrorResponseException error = assertInstanceOf(V2ErrorResponseException.class, e.getCause(),
                    () -> "cause: " + e.getCause());
            V2ErrorResponse modeled = error.getModeledError();
            assertEquals(expected, modeled.code, () -> "message: " + modeled.message);
            return modeled;
        } catch (TimeoutException e) {
            return fail("no answer within " + TIMEOUT_SECONDS + " s");
        }
    }

    @Override
    public void close() throws Exception {
        jobs.close();
        try {
            connection.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the gateway closed it already
        }
        connection.close();
        config.close();
        client.close();
        bootstrap.close();
        resolver.close();
        eventLoops.close();
    }
}
