package io.edgejobs.emulator.internal.mqtt;

import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.api.mqtt.MqttServer;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a Jobs response to the one connection that asked (AWS: "Only the device that publishes ... receives
 * messages on this topic"), subject to the delay and loss faults. Delayed responses keep their order: they share
 * one scheduler thread and the same delay.
 */
final class ResponseSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseSender.class);
    static final int RESPONSE_QOS = 1;

    private final Supplier<MqttServer> server;
    private final FaultInjector faults;
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emulator-delayed-responses");
        t.setDaemon(true);
        return t;
    });

    ResponseSender(Supplier<MqttServer> server, FaultInjector faults) {
        this.server = server;
        this.faults = faults;
    }

    /**
     * @param operation the request's operation, or null when the topic named none (InvalidTopic)
     */
    void send(String clientId, String topic, byte[] payload, JobsOperation operation) {
        if (operation != null && faults.loseResponse(operation)) {
            LOG.info("fault injection: response {} to client {} lost (the request was applied)", topic, clientId);
            return;
        }
        long delay = faults.responseDelayMillis();
        if (delay <= 0) {
            deliver(clientId, topic, payload);
            return;
        }
        try {
            delayed.schedule(() -> deliver(clientId, topic, payload), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("emulator closing, delayed response {} to {} dropped", topic, clientId);
        }
    }

    private void deliver(String clientId, String topic, byte[] payload) {
        MqttServer s = server.get();
        if (s == null) {
            LOG.warn("no MQTT listener, response {} to client {} dropped", topic, clientId);
            return;
        }
        if (!s.sendTo(clientId, topic, payload, RESPONSE_QOS)) {
            LOG.debug("response {} not delivered: client {} is gone or not subscribed to it", topic, clientId);
        }
    }

    @Override
    public void close() {
        delayed.shutdownNow();
    }
}
