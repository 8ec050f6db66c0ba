package io.edgejobs.test.support;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
 * A device as the AWS IoT Device SDK for Java v2 builds one: an aws-crt MQTT 3.1.1 connection (plain TCP on loopback,
 * no TLS, client id = thing name) carrying the SDK's {@link IotJobsV2Client}, plus the connection's raw subscribe and
 * publish for what the SDK never sends (broken JSON, wrong topics, another thing's topics).
 */
public final class SdkDevice implements AutoCloseable {

    /** How long every wait of this device (connect, requests, subscriptions) lasts at most. */
    public static final long TIMEOUT_SECONDS = 10;

    public final String thingName;
    /** One entry per interruption of the connection (the server closed it), with the CRT error code. */
    public final BlockingQueue<Integer> interruptions = new LinkedBlockingQueue<>();
    /** How often the CRT re-established the connection by itself after an interruption. */
    public final AtomicInteger resumptions = new AtomicInteger();
    private final EventLoopGroup eventLoops;
    private final HostResolver resolver;
    private final ClientBootstrap bootstrap;
    private final MqttClient client;
    private final MqttConnectionConfig config;
    private final MqttClientConnection connection;
    private final IotJobsV2Client jobs;

    /** Connects to 127.0.0.1:{@code port}, reconnecting after an interruption with the CRT's default back-off. */
    public SdkDevice(String thingName, int port) throws Exception {
        this(thingName, port, false);
    }

    /**
     * Connects to 127.0.0.1:{@code port}; with {@code fastReconnect} the CRT retries an interrupted connection after
     * 1 to 2 s instead of its default back-off (for tests that drop the connection and wait for it to come back).
     */
    public SdkDevice(String thingName, int port, boolean fastReconnect) throws Exception {
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
        if (fastReconnect) {
            config.setReconnectTimeoutSecs(1, 2);
        }
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
                resumptions.incrementAndGet();
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

    public IotJobsV2Client jobs() {
        return jobs;
    }

    /** Opens notify-next and waits until the subscription stands. */
    public BlockingQueue<NextJobExecutionChangedEvent> nextJobStream() throws Exception {
        NextJobExecutionChangedSubscriptionRequest request = new NextJobExecutionChangedSubscriptionRequest();
        request.thingName = thingName;
        return openStream(options -> jobs.createNextJobExecutionChangedStream(request, options));
    }

    /** Opens notify and waits until the subscription stands. */
    public BlockingQueue<JobExecutionsChangedEvent> jobListStream() throws Exception {
        JobExecutionsChangedSubscriptionRequest request = new JobExecutionsChangedSubscriptionRequest();
        request.thingName = thingName;
        return openStream(options -> jobs.createJobExecutionsChangedStream(request, options));
    }

    private static <E> BlockingQueue<E> openStream(Function<V2ClientStreamOptions<E>, StreamingOperation> create)
            throws Exception {
        BlockingQueue<E> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> established = new CompletableFuture<>();
        StreamingOperation stream = create.apply(V2ClientStreamOptions.<E>builder()
                .withStreamEventHandler(events::add)
                .withSubscriptionEventHandler(e -> {
                    if (e.getType() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                        established.complete(null);
                    }
                })
                .build());
        stream.open();
        await(established);
        return events;
    }

    /** A raw QoS 1 SUBSCRIBE, awaited until its SUBACK; messages land in the returned queue. */
    public BlockingQueue<MqttMessage> subscribe(String filter) throws Exception {
        BlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();
        await(subscribe(filter, messages));
        return messages;
    }

    /** A raw QoS 1 SUBSCRIBE on this connection; the future completes when the SUBACK arrives. */
    public CompletableFuture<Integer> subscribe(String filter, BlockingQueue<MqttMessage> into) {
        return connection.subscribe(filter, QualityOfService.AT_LEAST_ONCE, into::add);
    }

    /** A raw QoS 1 PUBLISH, awaited until its PUBACK. */
    public void publish(String topic, String payload) throws Exception {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A raw QoS 1 PUBLISH, awaited until its PUBACK. */
    public void publish(String topic, byte[] payload) throws Exception {
        await(connection.publish(new MqttMessage(topic, payload, QualityOfService.AT_LEAST_ONCE)));
    }

    /** A raw QoS 0 PUBLISH (QoS 0: a refused publish is not re-sent by the CRT after its reconnect). */
    public void publishAtMostOnce(String topic, String payload) throws Exception {
        await(connection.publish(new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8),
                QualityOfService.AT_MOST_ONCE)));
    }

    /** Waits up to {@link #TIMEOUT_SECONDS} for the future and unwraps the exception it failed with. */
    public static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The modeled error of a rejected request; fails the test when the request succeeded or got no answer. */
    public static V2ErrorResponse rejection(CompletableFuture<?> future) throws Exception {
        try {
            Object answer = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return fail("expected a rejection, got " + answer);
        } catch (ExecutionException e) {
            V2ErrorResponseException error = assertInstanceOf(V2ErrorResponseException.class, e.getCause(),
                    () -> "cause: " + e.getCause());
            return error.getModeledError();
        } catch (TimeoutException e) {
            return fail("no answer within " + TIMEOUT_SECONDS + " s");
        }
    }

    /** The modeled error of a rejected request, checked to carry the expected code. */
    public static V2ErrorResponse rejection(CompletableFuture<?> future, RejectedErrorCode expected) throws Exception {
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

    /** The payload of a raw message as UTF-8 text. */
    public static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        jobs.close();
        try {
            connection.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the server closed it already (fault and isolation tests)
        }
        connection.close();
        config.close();
        client.close();
        bootstrap.close();
        resolver.close();
        eventLoops.close();
    }
}
