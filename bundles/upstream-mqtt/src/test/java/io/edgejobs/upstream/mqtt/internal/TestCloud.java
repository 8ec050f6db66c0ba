package io.edgejobs.upstream.mqtt.internal;

import io.edgejobs.api.dataplane.DescribeJobExecutionRequest;
import io.edgejobs.api.dataplane.DescribeJobExecutionResponse;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsRequest;
import io.edgejobs.api.dataplane.GetPendingJobExecutionsResponse;
import io.edgejobs.api.dataplane.JobsRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionRequest;
import io.edgejobs.api.dataplane.StartNextPendingJobExecutionResponse;
import io.edgejobs.api.dataplane.UpdateJobExecutionRequest;
import io.edgejobs.api.dataplane.UpdateJobExecutionResponse;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.api.jobs.ErrorResponse;
import io.edgejobs.api.jobs.JobExecution;
import io.edgejobs.api.jobs.JobExecutionState;
import io.edgejobs.api.jobs.JobExecutionStatus;
import io.edgejobs.api.jobs.JobExecutionSummary;
import io.edgejobs.api.mqtt.MqttServer;
import io.edgejobs.api.mqtt.MqttServerHandler;
import io.edgejobs.api.mqtt.MqttServerOptions;
import io.edgejobs.api.topic.JobsTopic;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import io.edgejobs.wire.MqttJobsCodec;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The upstream side of the tests: a real MQTT broker (the broker bundle's Moquette-based factory) with a responder
 * that answers Jobs requests the AWS way: only to the requesting connection, on {@code /accepted} or
 * {@code /rejected}, echoing the clientToken. On command it drops answers, answers late, answers garbage, rejects
 * or disconnects the requester. Answers carry thing-specific content so that a mix-up shows.
 */
final class TestCloud implements MqttServerHandler, AutoCloseable {
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    enum Kind { ANSWER, REJECT, DROP, GARBAGE, DISCONNECT }

    /** What to do with one request. */
    record Action(Kind kind, long delayMillis, ErrorCode code, JobExecutionState state) {
        static final Action ANSWER = new Action(Kind.ANSWER, 0, null, null);
        static final Action DROP = new Action(Kind.DROP, 0, null, null);
        static final Action GARBAGE = new Action(Kind.GARBAGE, 0, null, null);
        static final Action DISCONNECT = new Action(Kind.DISCONNECT, 0, null, null);

        static Action answerAfter(long millis) {
            return new Action(Kind.ANSWER, millis, null, null);
        }

        static Action reject(ErrorCode code, JobExecutionState state) {
            return new Action(Kind.REJECT, 0, code, state);
        }
    }

    /** A request as the cloud received it. */
    record Received(String clientId, String topic, JobsRequest request, long nanos) {
    }

    private final MqttServerFactoryComponent factory = new MqttServerFactoryComponent();
    private final MqttJobsCodec codec = new MqttJobsCodec();
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> subscribeRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connects = new AtomicInteger();
    private volatile Function<JobsRequest, Action> behaviour = request -> Action.ANSWER;
    private volatile Predicate<String> subscribeAllowed = filter -> true;
    private volatile MqttServer server;
    private int port;

    static TestCloud start() throws IOException {
        TestCloud cloud = new TestCloud();
        cloud.listen(0);
        return cloud;
    }

    private void listen(int wantedPort) throws IOException {
        MqttServerOptions options = MqttServerOptions.defaults("test-cloud", wantedPort).withAllowAnonymous(true);
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                server = factory.start(options, this);
                port = server.boundPort();
                return;
            } catch (BindException e) {
                last = e; // the old listener's port is released asynchronously
                sleep(100);
            }
        }
        throw last;
    }

    int port() {
        return port;
    }

    MqttServer server() {
        return server;
    }

    /** Stops the broker (every connection drops). */
    void stop() {
        server.close();
    }

    /** Starts the broker again on the same port. */
    void restart() throws IOException {
        listen(port);
    }

    void behave(Function<JobsRequest, Action> newBehaviour) {
        this.behaviour = newBehaviour;
    }

    void allowSubscribe(Predicate<String> allowed) {
        this.subscribeAllowed = allowed;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Every topic filter the broker was asked to subscribe, in order. */
    List<String> subscribeRequests() {
        return List.copyOf(subscribeRequests);
    }

    int connects() {
        return connects.get();
    }

    /** Publishes like the service publishes notifications (fan-out to subscribers). */
    int publish(String topic, byte[] payload) {
        return server.publish(topic, payload, 1, false);
    }

    @Override
    public boolean authenticate(String clientId, String username, byte[] password) {
        return true;
    }

    @Override
    public boolean authorizePublish(String clientId, String username, String topic) {
        return true;
    }

    @Override
    public boolean authorizeSubscribe(String clientId, String username, String topicFilter) {
        subscribeRequests.add(topicFilter);
        return subscribeAllowed.test(topicFilter);
    }

    @Override
    public void onConnect(String clientId, String username) {
        connects.incrementAndGet();
    }

    @Override
    public void onPublish(String clientId, String username, String topic, byte[] payload) {
        long nanos = System.nanoTime();
        JobsTopic parsed = JobsTopics.parseRequest(topic);
        JobsRequest request = codec.decodeRequest(parsed.operation(), parsed.thingName(), parsed.jobId(), payload);
        received.add(new Received(clientId, topic, request, nanos));
        Action action = behaviour.apply(request);
        Runnable respond = () -> respond(clientId, parsed, request, action);
        if (action.delayMillis() > 0) {
            delays.schedule(respond, action.delayMillis(), TimeUnit.MILLISECONDS);
        } else {
            respond.run();
        }
    }

    private void respond(String clientId, JobsTopic topic, JobsRequest request, Action action) {
        MqttServer current = server;
        switch (action.kind()) {
            case ANSWER -> current.sendTo(clientId, topic.accepted().topic(), answer(request), 1);
            case REJECT -> current.sendTo(clientId, topic.rejected().topic(), codec.encodeError(new ErrorResponse(
                    action.code(), "rejected by the test cloud", request.clientToken(), NOW, action.state())), 1);
            case GARBAGE -> current.sendTo(clientId, topic.accepted().topic(), ("{\"clientToken\":\""
                    + request.clientToken() + "\", \"inProgressJobs\": [ oops").getBytes(StandardCharsets.UTF_8), 1);
            case DISCONNECT -> current.disconnect(clientId);
            case DROP -> {
            }
        }
    }

    /** The answer the service would give, with content that names the thing (and job) it is for. */
    private byte[] answer(JobsRequest request) {
        String thing = request.thingName();
        if (request instanceof GetPendingJobExecutionsRequest r) {
            return codec.encodeResponse(new GetPendingJobExecutionsResponse(List.of(),
                    List.of(new JobExecutionSummary("job-" + thing, NOW, null, NOW, 1, 1)), NOW, r.clientToken()));
        }
        if (request instanceof StartNextPendingJobExecutionRequest r) {
            return codec.encodeResponse(new StartNextPendingJobExecutionResponse(execution(thing, "job-" + thing),
                    NOW, r.clientToken()));
        }
        if (request instanceof DescribeJobExecutionRequest r) {
            String jobId = r.isNext() ? "job-" + thing : r.jobId();
            return codec.encodeResponse(new DescribeJobExecutionResponse(execution(thing, jobId), NOW,
                    r.clientToken()));
        }
        UpdateJobExecutionRequest r = (UpdateJobExecutionRequest) request;
        return codec.encodeResponse(new UpdateJobExecutionResponse(
                new JobExecutionState(r.status(), Map.of("thing", thing, "job", r.jobId()), 2), null, NOW,
                r.clientToken()));
    }

    private static JobExecution execution(String thing, String jobId) {
        return new JobExecution(jobId, thing, "{\"operation\":\"" + thing + "\"}", JobExecutionStatus.IN_PROGRESS,
                Map.of(), NOW, NOW, NOW, 2, 1, null);
    }

    @Override
    public void close() {
        delays.shutdownNow();
        MqttServer current = server;
        if (current != null) {
            current.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
