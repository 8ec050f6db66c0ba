package io.edgejobs.broker.internal;

import io.edgejobs.api.mqtt.MqttServerHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A handler for tests: accepts the configured credentials and topics, and records every callback in order. */
class RecordingHandler implements MqttServerHandler {

    record Event(String type, String clientId, String username, String topic, byte[] payload) {
        String text() {
            return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
        }
    }

    static final String USER = "device";
    static final String PASSWORD = "secret";

    final List<Event> events = new CopyOnWriteArrayList<>();
    final Set<String> refusedSubscribeFilters = ConcurrentHashMap.newKeySet();
    final Set<String> refusedPublishTopics = ConcurrentHashMap.newKeySet();
    final List<String> authenticateCalls = new CopyOnWriteArrayList<>();
    volatile Predicate<String> onPublishThrowsFor = topic -> false;

    /** The client certificate each CONNECT came with, in order ("none" for connections without one). */
    final List<String> certificateSubjects = new CopyOnWriteArrayList<>();
    /** Refuses CONNECTs that came with a client certificate. */
    volatile boolean refuseCertificates;

    @Override
    public boolean authenticate(String clientId, String username, byte[] password, X509Certificate certificate) {
        certificateSubjects.add(certificate == null ? "none" : certificate.getSubjectX500Principal().getName());
        if (certificate != null && refuseCertificates) {
            authenticateCalls.add(clientId);
            return false;
        }
        return authenticate(clientId, username, password);
    }

    @Override
    public boolean authenticate(String clientId, String username, byte[] password) {
        authenticateCalls.add(clientId);
        if (username == null) {
            return true;
        }
        return USER.equals(username) && password != null
            && PASSWORD.equals(new String(password, StandardCharsets.UTF_8));
    }

    @Override
    public boolean authorizePublish(String clientId, String username, String topic) {
        return !refusedPublishTopics.contains(topic);
    }

    @Override
    public boolean authorizeSubscribe(String clientId, String username, String topicFilter) {
        return !refusedSubscribeFilters.contains(topicFilter);
    }

    @Override
    public void onConnect(String clientId, String username) {
        events.add(new Event("connect", clientId, username, null, null));
    }

    @Override
    public void onDisconnect(String clientId, String username) {
        events.add(new Event("disconnect", clientId, username, null, null));
    }

    @Override
    public void onPublish(String clientId, String username, String topic, byte[] payload) {
        if (onPublishThrowsFor.test(topic)) {
            throw new IllegalStateException("handler failure for " + topic);
        }
        events.add(new Event("publish", clientId, username, topic, payload));
    }

    List<Event> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    List<Event> publishesOf(String clientId) {
        return events.stream().filter(e -> e.type().equals("publish") && e.clientId().equals(clientId)).toList();
    }

    List<String> typesOf(String clientId) {
        return events.stream().filter(e -> e.clientId().equals(clientId)).map(Event::type).toList();
    }
}
