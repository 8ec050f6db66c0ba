package io.edgejobs.upstream.mqtt.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends SUBSCRIBEs of at most 8 filters (AWS IoT Core's limit) and collects the SUBACK return codes. */
final class Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);

    /** The SUBACK return code of a refused filter. */
    static final int REFUSED = 0x80;

    private Subscriber() {
    }

    /**
     * Subscribes the filters in batches; the stage completes with the granted codes in filter order, or fails when
     * a SUBSCRIBE could not be sent or was not acknowledged.
     */
    static CompletableFuture<List<Integer>> subscribe(IMqttAsyncClient client, List<String> filters, int qos) {
        List<CompletableFuture<int[]>> batches = new ArrayList<>();
        for (List<String> batch : Subscriptions.batches(filters)) {
            batches.add(subscribeBatch(client, batch, qos));
        }
        return CompletableFuture.allOf(batches.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            List<Integer> granted = new ArrayList<>();
            for (CompletableFuture<int[]> batch : batches) {
                for (int code : batch.join()) {
                    granted.add(code);
                }
            }
            return granted;
        });
    }

    private static CompletableFuture<int[]> subscribeBatch(IMqttAsyncClient client, List<String> batch, int qos) {
        CompletableFuture<int[]> done = new CompletableFuture<>();
        int[] requested = new int[batch.size()];
        Arrays.fill(requested, qos);
        try {
            client.subscribe(batch.toArray(new String[0]), requested, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    if (granted == null || granted.length != batch.size()) {
                        done.completeExceptionally(new IllegalStateException("SUBACK with " + (granted == null
                                ? 0 : granted.length) + " codes for " + batch.size() + " filters"));
                    } else {
                        done.complete(granted);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    done.completeExceptionally(failure);
                }
            });
            LOG.debug("upstream: SUBSCRIBE {}", batch);
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
