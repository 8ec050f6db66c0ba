package io.edgejobs.upstream.mqtt.internal;

import java.util.ArrayList;
import java.util.List;

/** The topic filters the connection subscribes to, and how they are split into SUBSCRIBE packets. */
final class Subscriptions {
    /** AWS IoT Core: at most 8 topic filters per SUBSCRIBE. */
    static final int MAX_FILTERS_PER_SUBSCRIBE = 8;

    /**
     * The answers to every request, for any thing. AWS sends an answer only to the connection that published the
     * request, so these grant nothing beyond this connection's own traffic.
     */
    static final List<String> RESPONSE_FILTERS = List.of(
            "$aws/things/+/jobs/get/+",
            "$aws/things/+/jobs/start-next/+",
            "$aws/things/+/jobs/+/get/+",
            "$aws/things/+/jobs/+/update/+");

    /** notify and notify-next of every thing the IoT policy lets this connection receive. */
    static final List<String> NOTIFICATION_FILTERS = List.of(
            "$aws/things/+/jobs/notify",
            "$aws/things/+/jobs/notify-next");

    /** Wildcard mode: six filters, one SUBSCRIBE. */
    static final List<String> WILDCARD_FILTERS;

    static {
        List<String> all = new ArrayList<>(RESPONSE_FILTERS);
        all.addAll(NOTIFICATION_FILTERS);
        WILDCARD_FILTERS = List.copyOf(all);
    }

    private Subscriptions() {
    }

    /**
     * Per-thing mode: one filter covers the thing's answers and both notifications. (It also matches the request
     * topics; should AWS route this connection's own requests back to it, they are ignored.)
     */
    static String thingFilter(String thingName) {
        return "$aws/things/" + thingName + "/jobs/#";
    }

    /** The thing a per-thing filter is for. */
    static String thingOf(String thingFilter) {
        return thingFilter.substring("$aws/things/".length(), thingFilter.length() - "/jobs/#".length());
    }

    /** Splits filters into SUBSCRIBE-sized batches, in order. */
    static <T> List<List<T>> batches(List<T> filters) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < filters.size(); i += MAX_FILTERS_PER_SUBSCRIBE) {
            batches.add(List.copyOf(filters.subList(i, Math.min(filters.size(), i + MAX_FILTERS_PER_SUBSCRIBE))));
        }
        return batches;
    }
}
