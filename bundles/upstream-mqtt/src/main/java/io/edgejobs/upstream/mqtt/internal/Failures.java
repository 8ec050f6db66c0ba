package io.edgejobs.upstream.mqtt.internal;

/** How a failure reported by Paho or the JDK is written into a log line. */
final class Failures {

    private Failures() {
    }

    /** The failure and its cause, once: Paho's exceptions often repeat their cause in their own text. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "no cause given";
        }
        String text = failure.toString();
        Throwable cause = failure.getCause();
        return cause == null || text.contains(cause.toString()) ? text : text + ": " + cause;
    }
}
